import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeCheckChar,
  idRegionStatus,
  isValidIdRegionCode,
  listedIdRegionCodes,
  makeIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  upgradeIdNumber15,
} from '../src/id-number';

const TODAY = '2025-06-30';

test('published examples validate', () => {
  const a = parseIdNumber('11010519491231002X', TODAY);
  assert.deepEqual(a, {
    ok: true,
    idNumber: '11010519491231002X',
    regionCode: '110105',
    birthDate: '1949-12-31',
    gender: '2',
    regionListed: true,
    upgradedFrom15: false,
  });
  const b = parseIdNumber('440524188001010014', TODAY);
  // 1880 is before 1900-01-01: birth date out of range even though the check digit is right
  assert.deepEqual(b, { ok: false, error: 'ID_BIRTH_DATE' });
  assert.equal(computeCheckChar('44052418800101001'), '4');
  assert.equal(computeCheckChar('11010519491231002'), 'X');
});

test('examples with a plausible modern birth date', () => {
  const id = makeIdNumber('320582', '1985-07-15', 123);
  assert.equal(id.slice(0, 17), '32058219850715123');
  const r = parseIdNumber(id, TODAY);
  assert.ok(r.ok);
  assert.equal(r.birthDate, '1985-07-15');
  assert.equal(r.gender, '1');
  assert.equal(r.regionCode, '320582');
});

test('normalizeIdNumber: trim, full-width, lower-case x', () => {
  assert.equal(normalizeIdNumber('  11010519491231002x '), '11010519491231002X');
  assert.equal(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ'), '11010519491231002X');
  assert.equal(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ'), '11010519491231002X');
  const r = parseIdNumber(' １１０１０５１９４９１２３１００２x ', TODAY);
  assert.ok(r.ok);
  assert.equal(r.idNumber, '11010519491231002X');
});

test('format errors', () => {
  assert.deepEqual(parseIdNumber('', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('11010549123100', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('11010549123100X', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('11010519491231002X1', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('1101051949123100X2', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('11010519491231002Y', TODAY), { ok: false, error: 'ID_FORMAT' });
  assert.deepEqual(parseIdNumber('110105 19491231002X', TODAY), { ok: false, error: 'ID_FORMAT' });
});

test('region errors', () => {
  const mk = (region: string): string => {
    const first17 = `${region}19800101001`;
    return first17 + computeCheckChar(first17);
  };
  assert.deepEqual(parseIdNumber(mk('010105'), TODAY), { ok: false, error: 'ID_REGION' });
  assert.deepEqual(parseIdNumber(mk('190105'), TODAY), { ok: false, error: 'ID_REGION' });
  assert.deepEqual(parseIdNumber(mk('990105'), TODAY), { ok: false, error: 'ID_REGION' });
  assert.deepEqual(parseIdNumber(mk('700105'), TODAY), { ok: false, error: 'ID_REGION' });
  // a prefecture not in GB/T 2260 (3299) is an error like an unknown province
  assert.deepEqual(parseIdNumber(mk('329901'), TODAY), { ok: false, error: 'ID_REGION' });
  // Hong Kong, Macao, Taiwan are known at province level only: accepted, county not listed
  for (const region of ['820001', '710001', '810000']) {
    const r = parseIdNumber(mk(region), TODAY);
    assert.ok(r.ok, region);
    assert.equal(r.regionListed, region === '810000');
  }
  assert.equal(isValidIdRegionCode('320582'), true);
  assert.equal(isValidIdRegionCode('390582'), false);
  assert.equal(idRegionStatus('320582'), 'listed');
  assert.equal(idRegionStatus('320599'), 'prefecture');
  assert.equal(idRegionStatus('329901'), 'unknown');
  // codes of counties since abolished stay valid in IDs issued before
  assert.equal(idRegionStatus('110103'), 'listed'); // 崇文区, merged into 东城区 in 2010
  assert.equal(idRegionStatus('320521'), 'listed'); // 沙洲县, became 张家港市 (320582) in 1986
});

test('legacy 15-digit numbers are upgraded to 18 digits', () => {
  assert.equal(upgradeIdNumber15('110105491231002'), '11010519491231002X');
  assert.equal(upgradeIdNumber15('11010519491231002X'), null);
  const r = parseIdNumber(' 110105491231002 ', TODAY);
  assert.deepEqual(r, {
    ok: true,
    idNumber: '11010519491231002X',
    regionCode: '110105',
    birthDate: '1949-12-31',
    gender: '2',
    regionListed: true,
    upgradedFrom15: true,
  });
  // an impossible date in a 15-digit number is still reported
  assert.deepEqual(parseIdNumber('110105490231002', TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
});

test('birth date errors', () => {
  const mk = (date: string): string => {
    const first17 = `320582${date}001`;
    return first17 + computeCheckChar(first17);
  };
  assert.deepEqual(parseIdNumber(mk('19990230'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.deepEqual(parseIdNumber(mk('19991301'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.deepEqual(parseIdNumber(mk('19990000'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.deepEqual(parseIdNumber(mk('19000229'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.deepEqual(parseIdNumber(mk('18991231'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.deepEqual(parseIdNumber(mk('20250701'), TODAY), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.ok(parseIdNumber(mk('20250630'), TODAY).ok);
  assert.ok(parseIdNumber(mk('19000101'), TODAY).ok);
  assert.ok(parseIdNumber(mk('20000229'), TODAY).ok);
  // default "today" is the current date: a birth date next year is rejected
  const next = String(new Date().getFullYear() + 1);
  assert.deepEqual(parseIdNumber(mk(`${next}0101`)), { ok: false, error: 'ID_BIRTH_DATE' });
  assert.ok(parseIdNumber(mk('19800101')).ok);
});

test('check digit errors', () => {
  assert.deepEqual(parseIdNumber('110105194912310021', TODAY), { ok: false, error: 'ID_CHECK_DIGIT' });
  assert.deepEqual(parseIdNumber('11010519491231003X', TODAY), { ok: false, error: 'ID_CHECK_DIGIT' });
});

test('gender from sequence parity', () => {
  for (let seq = 0; seq < 20; seq++) {
    const r = parseIdNumber(makeIdNumber('110105', '1970-01-01', seq), TODAY);
    assert.ok(r.ok);
    assert.equal(r.gender, seq % 2 === 1 ? '1' : '2');
  }
});

test('makeIdNumber rejects bad input', () => {
  assert.throws(() => makeIdNumber('11010', '1970-01-01', 1));
  assert.throws(() => makeIdNumber('110105', '1970-02-30', 1));
  assert.throws(() => makeIdNumber('110105', '1970-01-01', 1000));
  assert.throws(() => makeIdNumber('110105', '1970-01-01', -1));
  assert.throws(() => computeCheckChar('1234'));
  assert.equal(makeIdNumber('110105', '19491231', 2), '11010519491231002X');
});

// ---- property tests ----

const LISTED = listedIdRegionCodes();
const regionArb = fc.constantFrom(...LISTED);

const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2025, 5, 30);
const dateArb = fc
  .integer({ min: 0, max: Math.floor((MAX_MS - MIN_MS) / 86_400_000) })
  .map((days) => new Date(MIN_MS + days * 86_400_000).toISOString().slice(0, 10));

const idArb = fc
  .tuple(regionArb, dateArb, fc.integer({ min: 0, max: 999 }))
  .map(([region, date, seq]) => ({ region, date, seq, id: makeIdNumber(region, date, seq) }));

test('property: generated IDs parse with matching fields', () => {
  fc.assert(
    fc.property(idArb, ({ region, date, seq, id }) => {
      const r = parseIdNumber(id, TODAY);
      assert.ok(r.ok, `${id} should be valid`);
      assert.equal(r.idNumber, id);
      assert.equal(r.regionCode, region);
      assert.equal(r.birthDate, date);
      assert.equal(r.gender, seq % 2 === 1 ? '1' : '2');
      // lower-case x is accepted and normalised
      const r2 = parseIdNumber(` ${id.toLowerCase()} `, TODAY);
      assert.ok(r2.ok);
      assert.equal(r2.idNumber, id);
    }),
    { numRuns: 10_000 },
  );
});

test('property: 15-digit round trip (drop "19" and the check, upgrade, same ID)', () => {
  fc.assert(
    fc.property(idArb, ({ id, date }) => {
      fc.pre(date.startsWith('19'));
      const legacy = id.slice(0, 6) + id.slice(8, 17);
      assert.equal(upgradeIdNumber15(legacy), id);
      const r = parseIdNumber(legacy, TODAY);
      assert.ok(r.ok && r.upgradedFrom15 && r.idNumber === id);
    }),
    { numRuns: 10_000 },
  );
});

test('property: any single-character substitution by a different digit is rejected', () => {
  fc.assert(
    fc.property(
      idArb,
      fc.integer({ min: 0, max: 17 }),
      fc.integer({ min: 0, max: 9 }),
      ({ id }, pos, digit) => {
        const d = String(digit);
        fc.pre(id[pos] !== d);
        const mutated = id.slice(0, pos) + d + id.slice(pos + 1);
        assert.equal(mutated.length, 18);
        assert.equal(parseIdNumber(mutated, TODAY).ok, false, `${mutated} (from ${id}) must fail`);
      },
    ),
    { numRuns: 10_000 },
  );
});

test('exhaustive substitutions for the published example', () => {
  const id = '11010519491231002X';
  for (let pos = 0; pos < 18; pos++) {
    for (let digit = 0; digit <= 9; digit++) {
      const d = String(digit);
      if (id[pos] === d) continue;
      const mutated = id.slice(0, pos) + d + id.slice(pos + 1);
      assert.equal(parseIdNumber(mutated, TODAY).ok, false, mutated);
    }
  }
});
