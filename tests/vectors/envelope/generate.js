// Independent reference signer for the envelope vectors (Node.js >= 16, no packages):
//   node generate.js   (run in this folder; rewrites the .json/.hex files here)
// It shares no code with Tandem, so tests/protocol/envelope_vectors_test.cc checking its output
// shows that another implementation following docs/protocol.md interoperates.
'use strict';
const crypto = require('crypto');
const fs = require('fs');

// RFC 8785 for the values used here (ECMAScript's JSON.stringify already writes strings and
// numbers as JCS requires; only member order needs sorting by UTF-16 code units).
function jcs(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') +
      '}';
}

// TEST-ONLY key: seed bytes 0x00..0x1f. Never use it for anything else.
const seed = Buffer.from([...Array(32).keys()]);
const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
const privateKey = crypto.createPrivateKey({key: pkcs8, format: 'der', type: 'pkcs8'});
const spki = crypto.createPublicKey(privateKey).export({format: 'der', type: 'spki'});
const publicKey = spki.subarray(spki.length - 32);

const bodyText = fs.readFileSync('body.json', 'utf8');
const envelope = {
  v: 1,
  id: '000102030405060708090a0b0c0d0e0f',
  from: 'police',
  to: 'probation',
  isa: {id: 'isa-2026-001', version: 3},
  purpose: 'mappa-referral',
  kind: 'match-query',
  created: '2026-11-22T14:00:00Z',
  expires: '2026-11-22T14:05:00Z',
  nonce: 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf',
  body: JSON.parse(bodyText),
};
const signed = jcs(envelope);
const input = Buffer.concat([Buffer.from('tandem-envelope-v1\0', 'utf8'), Buffer.from(signed)]);
const sig = crypto.sign(null, input, privateKey);
envelope.sig = sig.toString('hex');
const wire = jcs(envelope);

fs.writeFileSync('seed.hex', seed.toString('hex') + '\n');
fs.writeFileSync('public_key.hex', publicKey.toString('hex') + '\n');
fs.writeFileSync('signed.json', signed);
fs.writeFileSync('signature_input.hex', input.toString('hex') + '\n');
fs.writeFileSync('signature.hex', sig.toString('hex') + '\n');
fs.writeFileSync('wire.json', wire);
