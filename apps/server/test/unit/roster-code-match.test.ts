import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_TABLES, matchCode, suggestCodes, type CodeTableName } from '@xinhuo/shared';

const code = (table: CodeTableName, text: string) => {
  const m = matchCode(table, text);
  return m.ok ? m.code : null;
};

test('education text: the everyday names of the import', () => {
  const cases: [string, string][] = [
    ['本科', '21'],
    ['大学本科', '21'],
    ['研究生', '14'],
    ['大专', '31'],
    ['中专', '41'],
    ['高中', '61'],
    ['初中', '71'],
    ['大学本科毕业', '21'],
    ['本科学历', '21'],
    ['大专毕业', '31'],
    ['博士', '11'],
    ['硕士研究生', '14'],
    ['普通高中毕业', '61'],
    ['大学本科肄业', '23'],
    ['研究生教育', '10'],
    [' 21 ', '21'],
    ['２１', '21'],
  ];
  for (const [text, expected] of cases) assert.equal(code('education', text), expected, text);
});

test('ethnicity text: 汉/汉族, legacy names, codes', () => {
  assert.equal(code('ethnicity', '汉'), '01');
  assert.equal(code('ethnicity', '汉族'), '01');
  assert.equal(code('ethnicity', '01'), '01');
  assert.equal(code('ethnicity', '崩龙族'), '46');
  assert.equal(code('ethnicity', '毛难族'), '36');
  assert.equal(code('ethnicity', 'Han'), '01');
});

test('political status, degree and gender text', () => {
  assert.equal(code('politicalStatus', '中共党员'), '01');
  assert.equal(code('politicalStatus', '党员'), '01');
  assert.equal(code('politicalStatus', '预备党员'), '02');
  assert.equal(code('politicalStatus', '团员'), '03');
  assert.equal(code('politicalStatus', '群众'), '13');
  assert.equal(code('politicalStatus', '民盟'), '05');
  assert.equal(code('politicalStatus', '无党派人士'), '12');
  assert.equal(code('degree', '学士'), '4');
  assert.equal(code('degree', '硕士学位'), '3');
  assert.equal(code('gender', '男'), '1');
  assert.equal(code('gender', '女性'), '2');
  assert.equal(code('gender', '2'), '2');
  assert.equal(code('gender', '未说明的性别'), '9');
});

test('unknown text: the nearest entries, ranked', () => {
  const m = matchCode('education', '大学本');
  assert.equal(m.ok, false);
  assert.ok(!m.ok && m.suggestions[0]?.code === '21', JSON.stringify(m));
  assert.equal(suggestCodes('education', '硕士研究生毕')[0]?.code, '14');
  assert.equal(suggestCodes('ethnicity', '维吾族')[0]?.code, '05');
  assert.equal(suggestCodes('politicalStatus', '中共预备')[0]?.code, '02');
  assert.ok(suggestCodes('education', '大学本', 3).length <= 3);
  // nothing in common: no suggestion
  assert.deepEqual(suggestCodes('gender', 'xyz'), []);
  assert.deepEqual(suggestCodes('education', '   '), []);
});

test('every entry matches its own code, zh and en text', () => {
  for (const [table, entries] of Object.entries(CODE_TABLES) as [
    CodeTableName,
    typeof CODE_TABLES.gender,
  ][]) {
    for (const e of entries) {
      assert.equal(code(table, e.code), e.code, `${table} ${e.code}`);
      assert.equal(code(table, e.zh), e.code, `${table} ${e.zh}`);
      assert.equal(code(table, e.en.toUpperCase()), e.code, `${table} ${e.en}`);
    }
  }
});
