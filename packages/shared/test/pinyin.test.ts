import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fullPinyin, nameSearchKeys, nameSortKey, normalizeSearchQuery } from '../src/pinyin';

/** Mirrors the SQL: (' ' || keys) LIKE '% ' || query || '%'. */
function matches(name: string, query: string): boolean {
  const q = normalizeSearchQuery(query);
  return (' ' + nameSearchKeys(name)).includes(' ' + q);
}

test('陆婷婷: full, initials, mixes and prefixes', () => {
  for (const q of [
    'ltt',
    'lutt',
    'lutingting',
    'ltingt',
    'lu',
    'l',
    'lut',
    'luting',
    'lttin',
    'ltting',
    'lutting',
    'lutingt',
    'ltingting',
    'LTT',
    ' lu ting ting ',
  ]) {
    assert.ok(matches('陆婷婷', q), q);
  }
  for (const q of ['ztt', 'tt', 'tingting', 'lttt', 'lutingtingx', 'lutin gx', 'uting', 'lott']) {
    assert.ok(!matches('陆婷婷', q), q);
  }
});

test('陆婷婷 key set is exactly the 8 combinations', () => {
  const keys = nameSearchKeys('陆婷婷').split(' ');
  assert.deepEqual(
    [...keys].sort(),
    ['lutingting', 'lutingt', 'lutting', 'lutt', 'ltingting', 'ltingt', 'ltting', 'ltt'].sort(),
  );
  assert.equal(nameSearchKeys('陆婷婷'), nameSearchKeys('陆婷婷')); // deterministic
  assert.equal(keys[0], 'lutingting');
  assert.equal(keys[1], 'ltt');
});

test('four-character names get all 16 combinations', () => {
  const keys = new Set(nameSearchKeys('欧阳娜娜').split(' '));
  assert.equal(keys.size, 16);
  for (const k of ['ouyangnana', 'oynn', 'ouynana', 'oyangnn']) assert.ok(keys.has(k), k);
});

test('polyphonic surnames use the surname reading (and keep the ordinary one)', () => {
  assert.ok(matches('单田芳', 'shantianfang'));
  assert.ok(matches('单田芳', 'stf'));
  assert.ok(matches('单田芳', 'dantianfang'));
  assert.ok(matches('曾小贤', 'zengxiaoxian'));
  assert.ok(matches('曾小贤', 'zxx'));
  assert.ok(matches('解晓东', 'xiexd'));
  assert.ok(matches('仇英', 'qiuying'));
  assert.ok(matches('朴树', 'piaoshu'));
  assert.equal(fullPinyin('曾小贤'), 'zengxiaoxian');
  assert.equal(fullPinyin('单田芳'), 'shantianfang');
});

test('ü as v (and u) ', () => {
  assert.ok(matches('吕布', 'lvbu'));
  assert.ok(matches('吕布', 'lb'));
  assert.ok(matches('吕布', 'lubu'));
  assert.ok(matches('吕布', 'lübu'));
});

test('long minority names: full pinyin and initials only, dot ignored', () => {
  const keys = nameSearchKeys('买买提·艾力').split(' ');
  assert.deepEqual(keys, ['maimaitiaili', 'mmtal']);
  assert.ok(matches('买买提·艾力', 'maimaiti'));
  assert.ok(matches('买买提·艾力', 'mmt'));
  assert.ok(!matches('买买提·艾力', 'mmtiaili'));
});

test('ASCII letters kept (lowercased), other characters ignored', () => {
  const keys = nameSearchKeys('张Li明').split(' ');
  assert.equal(keys.length, 8);
  assert.equal(keys[0], 'zhangliming');
  assert.ok(keys.includes('zlm'));
  assert.ok(keys.includes('zhanglming'));
  assert.ok(matches('张Li明', 'zhangliming'));
  assert.ok(matches('张Li明', 'zlm'));
  assert.equal(nameSearchKeys('Tom'), 'tom t');
  assert.equal(nameSearchKeys('123 !?'), '');
  assert.equal(nameSearchKeys(''), '');
  assert.ok(!/[^a-z ]/.test(nameSearchKeys('王 晶-晶 2号')));
});

test('normalizeSearchQuery', () => {
  assert.equal(normalizeSearchQuery('  Wang Jing  Jing '), 'wangjingjing');
  assert.equal(normalizeSearchQuery('WJJ'), 'wjj');
  assert.equal(normalizeSearchQuery('\tw j\nj'), 'wjj');
});

test('property: output bounded, lowercase, and full pinyin / initials always match', () => {
  const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
  const name = fc.oneof(
    fc.array(han, { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
    fc.array(han, { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
    fc
      .tuple(fc.array(han, { minLength: 1, maxLength: 6 }), fc.array(han, { minLength: 1, maxLength: 6 }))
      .map(([a, b]) => `${a.join('')}·${b.join('')}`),
    fc.string({ maxLength: 60 }),
  );
  fc.assert(
    fc.property(name, (n) => {
      const keys = nameSearchKeys(n);
      assert.ok(keys.length <= 400, `${keys.length}`);
      assert.ok(/^[a-z ]*$/.test(keys));
      if (keys) {
        const list = keys.split(' ');
        assert.equal(new Set(list).size, list.length);
        const full = list[0]!;
        assert.ok(matches(n, full));
        assert.ok(matches(n, full.slice(0, 1)));
      }
    }),
    { numRuns: 2000 },
  );
});

test('names sort by pinyin syllable by syllable, homophones by code point, compared byte by byte', () => {
  const byKey = (names: string[]) =>
    [...names].sort((a, b) => {
      const x = Buffer.from(nameSortKey(a));
      const y = Buffer.from(nameSortKey(b));
      return Buffer.compare(x, y);
    });
  // By code point it would be 单 < 张 < 李 < 林 < 章 < 连 < 阿.
  assert.deepEqual(byKey(['林', '连', '李安', '阿强', '李', '张三', '章三', '单雄']), [
    '阿强',
    '李',
    '李安',
    '连',
    '林',
    '单雄', // surname reading: shan
    '张三',
    '章三',
  ]);
  assert.equal(nameSortKey('陆婷婷'), 'lu ting ting\t陆婷婷');
  assert.equal(nameSortKey('Anna·李'), 'anna li\tAnna·李');
});
