import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PASSWORD_MIN_LENGTH,
  checkPasswordPolicy,
  passwordCharClasses,
  passwordContextWords,
} from '../src/password-policy';
import { COMMON_PASSWORDS, isCommonPassword } from '../src/common-passwords';

const GOOD = 'Tq7#vLp2mZ';

test('a strong password passes', () => {
  assert.equal(PASSWORD_MIN_LENGTH, 8);
  assert.deepEqual(checkPasswordPolicy(GOOD, {}), []);
  assert.deepEqual(checkPasswordPolicy('Rk9vLp2m', {}), []); // exactly 8, three classes
});

test('length: minimum 8 code points, maximum 128', () => {
  assert.deepEqual(checkPasswordPolicy('Rk9vLp2', {}), ['TOO_SHORT']);
  assert.deepEqual(checkPasswordPolicy('', {}), ['TOO_SHORT', 'TOO_FEW_CLASSES']);
  // 4 astral characters are 8 UTF-16 units but only 4 code points
  assert.ok(checkPasswordPolicy('Ab1😀😀😀😀', {}).includes('TOO_SHORT'));
  assert.deepEqual(checkPasswordPolicy('Ab1😀😀😀😀😀', {}), []);
  // CJK counts per character
  assert.deepEqual(checkPasswordPolicy('Ab1薪火燎原之势', {}), []);
  const len = (n: number): string => ('Xq7#' + 'k'.repeat(n)).slice(0, n);
  assert.deepEqual(checkPasswordPolicy(len(64), {}), []);
  assert.deepEqual(checkPasswordPolicy(len(128), {}), []);
  assert.deepEqual(checkPasswordPolicy(len(129), {}), ['TOO_LONG']);
  assert.equal(len(64).length, 64);
  assert.equal(len(128).length, 128);
});

test('64- and 128-character random passwords accepted', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-hj-np-z2-9]{60}$/), fc.constantFrom(64, 128), (body, n) => {
      const pw = ('Q7#' + body + 'W'.repeat(128)).slice(0, n);
      assert.equal([...pw].length, n);
      const v = checkPasswordPolicy(pw, { username: 'li.ming', phone: '13812345678' });
      assert.ok(!v.includes('TOO_LONG') && !v.includes('TOO_SHORT') && !v.includes('TOO_FEW_CLASSES'));
    }),
    { numRuns: 500 },
  );
});

test('no truncation: two 80-char passwords differing at position 75 are distinct and fully checked', () => {
  const base = 'Vb8#' + 'qrstuvwxyz'.repeat(8);
  const a = base.slice(0, 80);
  const b = a.slice(0, 74) + (a[74] === 'Z' ? 'Y' : 'Z') + a.slice(75);
  assert.equal(a.length, 80);
  assert.equal(b.length, 80);
  assert.notEqual(a, b);
  assert.deepEqual(checkPasswordPolicy(a, {}), []);
  assert.deepEqual(checkPasswordPolicy(b, {}), []);
  // the tail beyond 72 bytes is still inspected
  const withContext = a.slice(0, 76) + 'zzb1';
  assert.equal(withContext.length, 80);
  assert.deepEqual(checkPasswordPolicy(withContext, {}), ['CONTAINS_CONTEXT']);
  const withUser = a.slice(0, 74) + 'wangxm';
  assert.deepEqual(checkPasswordPolicy(withUser, { username: 'wangxm' }), ['CONTAINS_CONTEXT']);
});

test('character classes: at least 3 of 4', () => {
  assert.equal(passwordCharClasses('abc'), 1);
  assert.equal(passwordCharClasses('aB1'), 3);
  assert.equal(passwordCharClasses('aB1#'), 4);
  assert.equal(passwordCharClasses('薪火'), 1);
  assert.deepEqual(checkPasswordPolicy('qmvtrkplsw', {}), ['TOO_FEW_CLASSES']);
  assert.deepEqual(checkPasswordPolicy('qmvtrk9723', {}), ['TOO_FEW_CLASSES']);
  assert.deepEqual(checkPasswordPolicy('QMVTRK9723', {}), ['TOO_FEW_CLASSES']);
  assert.deepEqual(checkPasswordPolicy('qmvtrK9723', {}), []);
  assert.deepEqual(checkPasswordPolicy('qmvtrk#723', {}), []);
  assert.deepEqual(checkPasswordPolicy('QMVTRK#723', {}), []);
  assert.deepEqual(checkPasswordPolicy('qmvtrk#KKK', {}), []);
});

test('common passwords rejected case-insensitively', () => {
  for (const pw of ['123456', 'password', 'qwerty', '1qaz2wsx', 'zxcvbnm', 'woaini1314', 'admin123']) {
    assert.ok(checkPasswordPolicy(pw, {}).includes('COMMON_PASSWORD'), pw);
  }
  // these satisfy length and classes, so only the blocklist stops them
  for (const pw of [
    'Aa123456',
    'P@ssw0rd',
    'Passw0rd!',
    'Qwer1234!',
    '1Qaz2wsx!',
    'Woaini@1314',
    'Password2024',
    'Password@2025',
    'Abc@123456',
    'Qq123456.',
    '1QAZ@wsx',
    'Zxc@123456',
    'Aa@123456',
    'Zhangsan@123',
    'Mima@1234',
    'Qwerty123!',
  ]) {
    assert.deepEqual(checkPasswordPolicy(pw, {}), ['COMMON_PASSWORD'], pw);
  }
  // structural variants: base + separator + number + tail
  for (const pw of [
    'Admin@123!',
    'Zhangsan_2025',
    'P@ssw0rd2024.',
    'Woaini1314!',
    'Huawei#888!',
    'Qwer_2026',
  ]) {
    assert.equal(isCommonPassword(pw), true, pw);
    assert.ok(checkPasswordPolicy(pw, {}).includes('COMMON_PASSWORD'), pw);
  }
  assert.equal(isCommonPassword('PASSWORD'), true);
  assert.equal(isCommonPassword('pAsSwOrD'), true);
  assert.equal(isCommonPassword(GOOD), false);
  assert.ok(COMMON_PASSWORDS.size >= 300, `size ${COMMON_PASSWORDS.size}`);
  for (const w of COMMON_PASSWORDS) assert.equal(w, w.toLowerCase());
});

test('property: random strong passwords are not on the blocklist', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-HJ-NP-Z][b-hj-km-y]{4}[2-9]{2}[#%&+=]$/), (pw) => {
      assert.equal(isCommonPassword(pw), false, pw);
      assert.deepEqual(checkPasswordPolicy(pw, {}), [], pw);
    }),
    { numRuns: 2000 },
  );
});

test('context words: built-ins', () => {
  for (const pw of ['Zzb#2024x', 'ZUZHIBU!9a', 'Xinhuo#9a7', 'myAdmin#99', 'x9#ZzB-q7k']) {
    assert.ok(checkPasswordPolicy(pw, {}).includes('CONTAINS_CONTEXT'), pw);
  }
});

test('context words: username and its parts', () => {
  const ctx = { username: 'li.xiaoming-zjg_01' };
  assert.ok(checkPasswordPolicy('Xiaoming#91q', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('q7#ZJGtown', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('pre-LI.XIAOMING-zjg_01#', ctx).includes('CONTAINS_CONTEXT'));
  // parts shorter than 3 ("li", "01") are not context words
  assert.deepEqual(checkPasswordPolicy('Li01#qvtrk', ctx), []);
  const words = passwordContextWords(ctx);
  assert.ok(words.includes('xiaoming') && words.includes('zjg') && words.includes('li.xiaoming-zjg_01'));
  assert.ok(!words.includes('li') && !words.includes('01'));
});

test('context words: phone, ID fragments, display name, extra words', () => {
  const ctx = {
    phone: '138-1234-5678',
    idNumber: '32058219850715123x',
    displayName: '陆婷婷',
    contextWords: ['Zhangjiagang', 'jinfeng', 'ab'],
  };
  assert.ok(checkPasswordPolicy('Q#13812345678a', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('Q#a15123X', ctx).includes('CONTAINS_CONTEXT')); // last 6, X any case
  assert.ok(checkPasswordPolicy('Q#a15123xk', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('Q#a320582k', ctx).includes('CONTAINS_CONTEXT')); // first 6
  assert.ok(checkPasswordPolicy('Q#a19850715', ctx).includes('CONTAINS_CONTEXT')); // birth date
  assert.ok(checkPasswordPolicy('LuTingTing#1', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('Q1#zhangJIAGANG', ctx).includes('CONTAINS_CONTEXT'));
  assert.ok(checkPasswordPolicy('Q1#Jinfeng!', ctx).includes('CONTAINS_CONTEXT'));
  assert.deepEqual(checkPasswordPolicy('Q1#abtrkvm', ctx), []); // "ab" too short to count
  assert.deepEqual(checkPasswordPolicy('Q1#3205k8x', ctx), []); // partial fragment only
  assert.deepEqual(checkPasswordPolicy(GOOD, ctx), []);
});

test('violations are reported together without duplicates', () => {
  const v = checkPasswordPolicy('admin', { username: 'admin' });
  assert.deepEqual(v, ['TOO_SHORT', 'TOO_FEW_CLASSES', 'COMMON_PASSWORD', 'CONTAINS_CONTEXT']);
});

test('NFKC before the blocklist and context: full-width and compatibility forms are caught like ASCII', () => {
  assert.ok(
    checkPasswordPolicy('password123A').includes('COMMON_PASSWORD'),
    'a letter appended to a common password',
  );
  assert.ok(checkPasswordPolicy('ｐａｓｓｗｏｒｄ１２３Ａ').includes('COMMON_PASSWORD'), 'full-width');
  assert.ok(checkPasswordPolicy('Ｐ＠ｓｓｗ０ｒｄ').includes('COMMON_PASSWORD'));
  assert.ok(checkPasswordPolicy('Ａｄｍｉｎ＠１２３').includes('COMMON_PASSWORD'));
  // Context words: a full-width username or ID tail inside the password.
  assert.ok(
    checkPasswordPolicy('Ｚｈａｎｇｗｅｉ#2024', { username: 'zhangwei' }).includes('CONTAINS_CONTEXT'),
  );
  assert.ok(
    checkPasswordPolicy('Kq#１３８００１３８０００', { phone: '13800138000' }).includes('CONTAINS_CONTEXT'),
  );
  assert.ok(
    checkPasswordPolicy('Kq#ｘｉｎｈｕｏ9').includes('CONTAINS_CONTEXT'),
    'built-in word, full-width',
  );
  assert.deepEqual(checkPasswordPolicy(GOOD), [], 'a strong password still passes');
  assert.deepEqual(checkPasswordPolicy('Ｔｑ７＃ｖＬｐ２ｍＺ'), [], 'full-width is fine when it is not weak');
});

test('NUL, other control characters, invisible format characters and lone surrogates are refused', () => {
  for (const pw of [
    'Tq7#vLp2\u0000mZ',
    '\u0000Tq7#vLp2mZ',
    'Tq7#vLp2mZ\n',
    'Tq7#\tvLp2mZ',
    'Tq7#vLp2mZ\u007f',
    'Tq7#vLp2mZ\u0085',
    'Tq7#v\u200bLp2mZ',
    'Tq7#v\u202eLp2mZ',
    '\ufeffTq7#vLp2mZ',
    'Tq7#vLp2mZ\ud800',
    'Tq7#vLp2mZ\udc00x',
  ])
    assert.deepEqual(checkPasswordPolicy(pw), ['CONTROL_CHARACTER'], JSON.stringify(pw));
  assert.deepEqual(
    checkPasswordPolicy('Tq7#vLp2mZ😀'),
    [],
    'a paired surrogate (emoji) is a character like any other',
  );
  assert.deepEqual(checkPasswordPolicy('Tq7# vLp2mZ'), [], 'a space is allowed');
});
