import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpCode,
} from '../../src/modules/auth/totp';
import { ipAllowed } from '../../src/modules/auth/security-policy.service';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890": the 8-digit values' last 6 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

test('TOTP matches the RFC 6238 SHA-1 test vectors', () => {
  for (const [t, code] of RFC_VECTORS) assert.equal(totpCode(RFC_SECRET, t * 1000), code, `T=${t}`);
  // RFC 4226 appendix D, counter 0 and 9.
  assert.equal(hotp(Buffer.from('12345678901234567890'), 0), '755224');
  assert.equal(hotp(Buffer.from('12345678901234567890'), 9), '520489');
});

test('base32 round-trips; secrets are 160 bits', () => {
  for (const len of [1, 5, 10, 19, 20]) {
    const b = Buffer.from(Array.from({ length: len }, (_, i) => (i * 37 + 11) & 0xff));
    assert.deepEqual(base32Decode(base32Encode(b)), b);
  }
  const s = newTotpSecret();
  assert.equal(base32Decode(s).length, 20);
  assert.notEqual(newTotpSecret(), s);
});

test('a code matches within one step either side, no further; non-digits never match', () => {
  const t = 1_700_000_015_000;
  const step = Math.floor(t / 30_000);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, t), t), step);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, t - 30_000), t), step - 1);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, t + 30_000), t), step + 1);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, t - 60_000), t), null);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, t + 60_000), t), null);
  assert.equal(matchTotp(RFC_SECRET, 'abcdef', t), null);
  assert.equal(matchTotp(RFC_SECRET, '1234567', t), null);
});

test('ten distinct recovery codes of 10 digits', () => {
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^\d{5}-\d{5}$/);
});

test('the management-terminal allowlist matches addresses and ranges, IPv4-mapped IPv6 included', () => {
  const list = ['127.0.0.1', '10.8.0.0/16', '2001:db8::/32'];
  assert.equal(ipAllowed(list, '127.0.0.1'), true);
  assert.equal(ipAllowed(list, '::ffff:127.0.0.1'), true);
  assert.equal(ipAllowed(list, '127.0.0.2'), false);
  assert.equal(ipAllowed(list, '10.8.255.1'), true);
  assert.equal(ipAllowed(list, '10.9.0.1'), false);
  assert.equal(ipAllowed(list, '2001:db8:1::5'), true);
  assert.equal(ipAllowed(list, '2001:db9::5'), false);
  assert.equal(ipAllowed(list, 'not-an-ip'), false);
  assert.equal(ipAllowed([], '127.0.0.1'), false);
});
