import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasIdOrPhoneLikeRun, isValidMobile, maskIdNumber, maskPhone, normalizePhone } from '../src/mask';

test('maskIdNumber', () => {
  assert.equal(maskIdNumber('32058219850715123X'), '3205**************');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**************');
  assert.equal(maskIdNumber(''), '');
  assert.equal(maskIdNumber(null), '');
  assert.equal(maskIdNumber('1234'), '****');
  assert.equal(maskIdNumber('123456789'), '1234*****');
});

test('maskIdNumber keeps only the first 4 of an 18-char ID: no birth date, sequence or check digit', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
      const m = maskIdNumber(id);
      assert.equal(m.length, 18);
      assert.equal(m.slice(0, 4), id.slice(0, 4));
      assert.equal(m.slice(4), '*'.repeat(14));
    }),
    { numRuns: 2000 },
  );
});

test('maskPhone', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone(''), '');
  assert.equal(maskPhone(undefined), '');
  assert.equal(maskPhone('12'), '**');
  assert.equal(maskPhone('62345678'), '******78');
});

test('normalizePhone', () => {
  assert.equal(normalizePhone(' 138 1234 5678 '), '13812345678');
  assert.equal(normalizePhone('138-1234-5678'), '13812345678');
  assert.equal(normalizePhone('１３８１２３４５６７８'), '13812345678');
  assert.equal(normalizePhone('１３８　１２３４－５６７８'), '13812345678');
  assert.equal(normalizePhone('+86 138 1234 5678'), '13812345678');
  assert.equal(normalizePhone('0086-13812345678'), '13812345678');
  assert.equal(normalizePhone('0512-58681234'), '051258681234');
});

test('isValidMobile', () => {
  assert.equal(isValidMobile('13812345678'), true);
  assert.equal(isValidMobile('19912345678'), true);
  assert.equal(isValidMobile('12812345678'), false);
  assert.equal(isValidMobile('1381234567'), false);
  assert.equal(isValidMobile('138123456789'), false);
  assert.equal(isValidMobile('23812345678'), false);
  assert.equal(isValidMobile('138 1234 5678'), false);
  assert.equal(isValidMobile('１３８１２３４５６７８'), false);
  assert.equal(isValidMobile(normalizePhone('１３８１２３４５６７８')), true);
  assert.equal(isValidMobile('1381234567\n'), false);
});

test('property: normalised formatted mobiles are valid', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('3', '4', '5', '6', '7', '8', '9'),
      fc.stringMatching(/^\d{9}$/),
      fc.constantFrom(' ', '-', ''),
      (second, rest, sep) => {
        const p = `1${second}${rest}`;
        assert.equal(isValidMobile(p), true);
        const formatted = `${p.slice(0, 3)}${sep}${p.slice(3, 7)}${sep}${p.slice(7)}`;
        assert.equal(normalizePhone(formatted), p);
        assert.equal(maskPhone(p), `${p.slice(0, 3)}****${p.slice(7)}`);
      },
    ),
    { numRuns: 2000 },
  );
});

test('hasIdOrPhoneLikeRun finds ID- and phone-like digit runs, however written', () => {
  for (const t of [
    '核对32058219850715123X的材料',
    '核对 320582198507151234',
    '联系13812345678',
    '联系 138 1234 5678',
    '联系138-1234-5678',
    '电话１３８１２３４５６７８',
    'id 320582-19850715-123X',
    '旧证号 320582850715123',
  ])
    assert.equal(hasIdOrPhoneLikeRun(t), true, t);
  for (const t of ['核对2021年换届资格审查材料', '第3批 12人', '2026-03-02 换届', '工号 1234567890'])
    assert.equal(hasIdOrPhoneLikeRun(t), false, t);
});
