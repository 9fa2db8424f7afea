// Writes numbers_random.txt: "<IEEE 754 hex>,<ECMAScript Number.prototype.toString>" for 2000
// doubles from a fixed-seed generator (Node.js >= 16: node generate_numbers.js). Finite only.
'use strict';
const fs = require('fs');
let state = 0x2545F4914F6CDD1Dn;
function next64() {  // xorshift64
  state ^= (state << 13n) & 0xFFFFFFFFFFFFFFFFn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xFFFFFFFFFFFFFFFFn;
  return state;
}
const lines = [];
const b = Buffer.alloc(8);
while (lines.length < 2000) {
  b.writeBigUInt64BE(next64());
  const d = b.readDoubleBE(0);
  if (!Number.isFinite(d)) continue;
  lines.push(b.toString('hex') + ',' + String(d));
  // Also a nearby "human" number: an integer or short decimal, which exercises the
  // non-exponent layouts.
  const h = Number((Number(next64() % 2000000n) - 1000000) / 10 ** Number(next64() % 9n));
  b.writeDoubleBE(h);
  lines.push(b.toString('hex') + ',' + String(h));
}
fs.writeFileSync('numbers_random.txt', lines.join('\n') + '\n');
