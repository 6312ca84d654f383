import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activationCodeHash,
  activationCodeMatches,
  newActivationCode,
  normalizeActivationCode,
} from '../../src/modules/auth/activation-code';

test('activation codes are 4×4 unambiguous base32 groups, fresh every time', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const c = newActivationCode();
    assert.match(c, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    seen.add(c);
  }
  assert.equal(seen.size, 2000);
});

test('a code matches as typed by hand (case, spaces, O/0, I/L/1) and only its own hash', () => {
  const c = newActivationCode();
  const h = activationCodeHash(c);
  assert.notEqual(h, c);
  assert.ok(!h.includes(normalizeActivationCode(c)));
  assert.ok(activationCodeMatches(c.toLowerCase().replace(/-/g, ' '), h));
  assert.equal(normalizeActivationCode('ab0o-1il-x'), 'AB00111X');
  assert.ok(!activationCodeMatches(newActivationCode(), h));
  assert.ok(!activationCodeMatches('', h));
});
