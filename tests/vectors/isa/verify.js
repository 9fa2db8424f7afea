#!/usr/bin/env node
// Independent check of the ISA vector, written from docs/isa.md alone (Node.js, no packages):
// canonicalise isa.json without "signatures" (RFC 8785), compare with signed.json, and verify
// every party's Ed25519 signature over "tandem-isa-v1" || 0x00 || signed_json.
//   node tests/vectors/isa/verify.js
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// RFC 8785: members sorted by UTF-16 code units (JavaScript's default string order), no
// whitespace, strings and numbers as ECMAScript JSON.stringify writes them.
function jcs(value) {
  if (Array.isArray(value)) return '[' + value.map(jcs).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + jcs(value[k]))
        .join(',') + '}';
  }
  return JSON.stringify(value);
}

const dir = __dirname;
const isa = JSON.parse(fs.readFileSync(path.join(dir, 'isa.json'), 'utf8'));
const unsigned = Object.assign({}, isa);
delete unsigned.signatures;
const signedJson = jcs(unsigned);
const expected = fs.readFileSync(path.join(dir, 'signed.json'), 'utf8');
if (signedJson !== expected) {
  console.error('signed.json differs from the canonical form of isa.json without signatures');
  process.exit(1);
}
const input = Buffer.concat([Buffer.from('tandem-isa-v1\0', 'utf8'), Buffer.from(signedJson, 'utf8')]);
let ok = true;
for (const party of isa.parties) {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'),
                              Buffer.from(party.signing_key, 'hex')]);
  const key = crypto.createPublicKey({key: spki, format: 'der', type: 'spki'});
  const sig = isa.signatures[party.id];
  const good = sig !== undefined && crypto.verify(null, input, key, Buffer.from(sig, 'hex'));
  console.log(party.id + ': ' + (good ? 'signature verifies' : 'BAD or missing signature'));
  ok = ok && good;
}
process.exit(ok ? 0 : 1);
