import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEGREES,
  EDUCATION_GROUPS,
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  GENDER_CODES,
  POLITICAL_STATUSES,
  codeLabel,
  educationGroup,
  educationRank,
  ethnicityCodeFromName,
  highestEducation,
  isCollegeOrAbove,
  isKnownCode,
  isPartyMember,
} from '../src/codes';

test('ethnicities: 56 groups + 97 + 98, unique codes and names', () => {
  assert.equal(ETHNICITIES.length, 58);
  const codes = ETHNICITIES.map((e) => e.code);
  assert.equal(new Set(codes).size, 58);
  assert.equal(new Set(ETHNICITIES.map((e) => e.zh)).size, 58);
  for (let i = 1; i <= 56; i++) assert.ok(codes.includes(String(i).padStart(2, '0')), `code ${i}`);
  assert.ok(codes.includes('97'));
  assert.ok(codes.includes('98'));
  for (const e of ETHNICITIES.slice(0, 56)) assert.ok(e.zh.endsWith('族'), e.zh);
  assert.equal(codeLabel(ETHNICITIES, '01', 'zh-CN'), '汉族');
  assert.equal(codeLabel(ETHNICITIES, '01', 'en'), 'Han');
  assert.equal(codeLabel(ETHNICITIES, '46', 'zh-CN'), '德昂族');
  assert.equal(codeLabel(ETHNICITIES, '36', 'zh-CN'), '毛南族');
  assert.equal(codeLabel(ETHNICITIES, '56', 'zh-CN'), '基诺族');
  assert.equal(codeLabel(ETHNICITIES, '98', 'zh-CN'), '外国血统中国籍人士');
});

test('ethnicityCodeFromName', () => {
  assert.equal(ethnicityCodeFromName('汉族'), '01');
  assert.equal(ethnicityCodeFromName('汉'), '01');
  assert.equal(ethnicityCodeFromName(' 蒙古族 '), '02');
  assert.equal(ethnicityCodeFromName('蒙古'), '02');
  assert.equal(ethnicityCodeFromName('维吾尔族'), '05');
  assert.equal(ethnicityCodeFromName('崩龙族'), '46');
  assert.equal(ethnicityCodeFromName('崩龙'), '46');
  assert.equal(ethnicityCodeFromName('毛难族'), '36');
  assert.equal(ethnicityCodeFromName('毛难'), '36');
  assert.equal(ethnicityCodeFromName('毛南'), '36');
  assert.equal(ethnicityCodeFromName('土族'), '30');
  assert.equal(ethnicityCodeFromName('土家族'), '15');
  assert.equal(ethnicityCodeFromName('柯尔克孜族'), '29');
  assert.equal(ethnicityCodeFromName('其他'), '97');
  assert.equal(ethnicityCodeFromName('外国血统中国籍人士'), '98');
  assert.equal(ethnicityCodeFromName('Han'), '01');
  assert.equal(ethnicityCodeFromName('火星族'), null);
  assert.equal(ethnicityCodeFromName(''), null);
  // every canonical name round-trips
  for (const e of ETHNICITIES) assert.equal(ethnicityCodeFromName(e.zh), e.code, e.zh);
});

test('education levels: codes, groups, ranks', () => {
  assert.equal(codeLabel(EDUCATION_LEVELS, '21', 'zh-CN'), '大学本科毕业');
  assert.equal(codeLabel(EDUCATION_LEVELS, '31', 'zh-CN'), '大学专科毕业');
  assert.equal(codeLabel(EDUCATION_LEVELS, '11', 'zh-CN'), '博士研究生毕业');
  const groupNames = EDUCATION_GROUPS.map((g) => g.code);
  for (const e of EDUCATION_LEVELS) {
    assert.ok(groupNames.includes(e.group));
    // group agrees with the major digit
    const major = e.code[0];
    const expected = {
      '1': 'postgraduate',
      '2': 'undergraduate',
      '3': 'college',
      '4': 'secondary',
      '6': 'high_school',
      '7': 'junior',
      '8': 'primary',
      '9': 'other',
    }[major!];
    assert.equal(e.group, expected, e.code);
  }
  // ranks strictly decrease from group to group (groups listed highest first)
  for (let i = 0; i + 1 < EDUCATION_GROUPS.length; i++) {
    const hi = EDUCATION_LEVELS.filter((e) => e.group === EDUCATION_GROUPS[i]!.code).map((e) => e.rank);
    const lo = EDUCATION_LEVELS.filter((e) => e.group === EDUCATION_GROUPS[i + 1]!.code).map((e) => e.rank);
    assert.ok(Math.min(...hi) > Math.max(...lo), `${EDUCATION_GROUPS[i]!.code} above next group`);
  }
  assert.equal(new Set(EDUCATION_LEVELS.map((e) => e.rank)).size, EDUCATION_LEVELS.length);
  assert.deepEqual(
    EDUCATION_GROUPS.map((g) => g.zh),
    ['研究生', '本科', '大专', '中专中职', '高中', '初中', '小学', '其他'],
  );
  assert.equal(educationGroup('12'), 'postgraduate');
  assert.equal(educationGroup('99'), 'other'); // not a code, but of major group 9
  assert.equal(educationGroup('61'), 'high_school');
  assert.equal(educationGroup('xx'), null);
  assert.ok(educationRank('12') < educationRank('11') && educationRank('12') > educationRank('14'));
  assert.ok(educationRank('10') < educationRank('19') && educationRank('10') > educationRank('21'));
  assert.equal(educationRank(null), -1);
});

test('education levels: every code of GB/T 4658-2006', () => {
  const expected =
    '10 11 12 13 14 15 16 17 18 19 20 21 22 23 28 30 31 32 33 40 41 42 43 44 45 46 47 48 49 ' +
    '60 61 62 63 70 71 73 80 81 83 90';
  assert.deepEqual(EDUCATION_LEVELS.map((e) => e.code).sort(), expected.split(' '));
  assert.equal(highestEducation('20', '31'), '20'); // any 本科 above any 专科
  assert.equal(highestEducation('41', '61'), '41');
});

test('gender codes: GB/T 2261.1 in full; the roster keeps 1 and 2', () => {
  assert.deepEqual(
    GENDER_CODES.map((g) => [g.code, g.zh]),
    [
      ['0', '未知的性别'],
      ['1', '男'],
      ['2', '女'],
      ['9', '未说明的性别'],
    ],
  );
  assert.deepEqual(
    GENDERS.map((g) => g.code),
    ['1', '2'],
  );
});

test('legacy ethnicity names', () => {
  for (const [name, code] of [
    ['僮族', '08'],
    ['佧佤族', '21'],
    ['仲家族', '09'],
    ['撒里维吾尔族', '48'],
    ['达呼尔族', '31'],
    ['索伦族', '45'],
    ['蒙族', '02'],
    ['维族', '05'],
  ] as const) {
    assert.equal(ethnicityCodeFromName(name), code, name);
  }
});

test('isCollegeOrAbove', () => {
  for (const c of ['11', '14', '17', '21', '22', '23', '28', '31', '32', '33', '12', '19']) {
    assert.equal(isCollegeOrAbove(c), true, c);
  }
  for (const c of ['41', '44', '47', '61', '71', '81', '90', '', '3', '310', null, undefined]) {
    assert.equal(isCollegeOrAbove(c), false, String(c));
  }
});

test('highestEducation', () => {
  assert.equal(highestEducation('61', '31'), '31');
  assert.equal(highestEducation('31', '61'), '31');
  assert.equal(highestEducation('21', '14'), '14');
  assert.equal(highestEducation('41', '61'), '41');
  assert.equal(highestEducation('21', '28'), '21');
  assert.equal(highestEducation('23', '31'), '23');
  assert.equal(highestEducation(null, '71'), '71');
  assert.equal(highestEducation('81', undefined), '81');
  assert.equal(highestEducation('', 'bogus'), null);
  assert.equal(highestEducation(null, null), null);
  assert.equal(highestEducation('21', '21'), '21');
  // 大专以上 computed on the highest of the two
  assert.equal(isCollegeOrAbove(highestEducation('61', '31')), true);
  assert.equal(isCollegeOrAbove(highestEducation('61', '47')), false);
});

test('degrees, political statuses, genders', () => {
  assert.deepEqual(
    DEGREES.map((d) => d.code),
    ['2', '3', '4', '0'],
  );
  assert.equal(codeLabel(DEGREES, '4', 'zh-CN'), '学士');
  assert.equal(POLITICAL_STATUSES.length, 13);
  POLITICAL_STATUSES.forEach((p, i) => assert.equal(p.code, String(i + 1).padStart(2, '0')));
  assert.equal(codeLabel(POLITICAL_STATUSES, '01', 'zh-CN'), '中共党员');
  assert.equal(codeLabel(POLITICAL_STATUSES, '02', 'zh-CN'), '中共预备党员');
  assert.equal(codeLabel(POLITICAL_STATUSES, '03', 'zh-CN'), '共青团员');
  assert.equal(codeLabel(POLITICAL_STATUSES, '10', 'zh-CN'), '九三学社社员');
  assert.equal(codeLabel(POLITICAL_STATUSES, '12', 'zh-CN'), '无党派人士');
  assert.equal(codeLabel(POLITICAL_STATUSES, '13', 'zh-CN'), '群众');
  assert.equal(codeLabel(GENDERS, '1', 'zh-CN'), '男');
  assert.equal(codeLabel(GENDERS, '2', 'en'), 'Female');
});

test('isPartyMember', () => {
  assert.equal(isPartyMember('01'), true);
  assert.equal(isPartyMember('02'), true);
  for (const c of ['03', '04', '12', '13', '1', '', null, undefined]) {
    assert.equal(isPartyMember(c), false, String(c));
  }
});

test('codeLabel falls back to the code', () => {
  assert.equal(codeLabel(ETHNICITIES, '99', 'zh-CN'), '99');
  assert.equal(codeLabel(GENDERS, '9', 'en'), '9');
  assert.equal(codeLabel(GENDERS, null, 'en'), '');
  assert.equal(isKnownCode(GENDERS, '1'), true);
  assert.equal(isKnownCode(GENDERS, '0'), false);
  for (const table of [ETHNICITIES, EDUCATION_LEVELS, DEGREES, POLITICAL_STATUSES, GENDERS]) {
    for (const e of table) {
      assert.ok(e.zh.length > 0 && e.en.length > 0);
      assert.equal(codeLabel(table, e.code, 'zh-CN'), e.zh);
      assert.equal(codeLabel(table, e.code, 'en'), e.en);
    }
  }
});
