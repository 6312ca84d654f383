import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ETHNICITIES,
  POLITICAL_STATUSES,
  duplicateIdIssues,
  findDuplicateIdRows,
  listedIdRegionCodes,
  makeIdNumber,
  parseImportDate,
  validateImportRow,
  type ImportColumn,
  type ImportRow,
} from '@xinhuo/shared';

const TODAY = '2026-06-30';

const good: ImportRow = {
  name: '测试甲',
  idNumber: makeIdNumber('320582', '1985-07-15', 123),
  gender: '男',
  birthDate: '1985.07.15',
  ethnicity: '汉',
  politicalStatus: '党员',
  partyJoinDate: '2006.07',
  workStartDate: '2007-08-01',
  phone: '138 0000 0000',
  fullTimeEducation: '大专',
  inServiceEducation: '本科',
  degree: '学士',
  major: '农学',
  org: '杨舍镇/福前村',
  committee: '',
  role: '书记',
  positionStartDate: '2021-01-10',
};

test('a good row: no issue, values normalized as the roster keeps them', () => {
  const r = validateImportRow(good, TODAY);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.value, {
    name: '测试甲',
    idNumber: good.idNumber,
    gender: '1',
    birthDate: '1985-07-15',
    ethnicity: '01',
    politicalStatus: '01',
    partyJoinDate: '2006-07-01',
    workStartDate: '2007-08-01',
    phone: '13800000000',
    fullTimeEducation: '31',
    inServiceEducation: '21',
    highestEducation: '21',
    isCollege: true,
    degree: '4',
    major: '农学',
    orgPath: ['杨舍镇', '福前村'],
    position: { committee: 'party', role: 'party_secretary', startDate: '2021-01-10' },
  });
});

test('issues carry column, code, and suggestions for unknown code-table text', () => {
  const r = validateImportRow({ ...good, fullTimeEducation: '大学本', partyJoinDate: '2002-01-01' }, TODAY);
  assert.equal(r.value, null);
  assert.deepEqual(
    r.issues.map((i) => [i.column, i.code]),
    [
      ['fullTimeEducation', 'CODE_UNKNOWN'],
      ['partyJoinDate', 'PARTY_JOIN_UNDER_18'],
    ],
  );
  assert.equal(r.issues[0]!.suggestions?.[0]?.code, '21');
});

test('a 15-digit ID is upgraded; an unlisted county is a warning only', () => {
  const legacy = makeIdNumber('320582', '1965-03-02', 124);
  const r = validateImportRow(
    {
      ...good,
      idNumber: legacy.slice(0, 6) + legacy.slice(8, 17),
      gender: '女',
      birthDate: '',
      partyJoinDate: '',
      workStartDate: '',
    },
    TODAY,
  );
  assert.deepEqual(r.issues, []);
  assert.equal(r.value?.idNumber, legacy);
  const unlisted = validateImportRow({ ...good, idNumber: makeIdNumber('320599', '1985-07-15', 123) }, TODAY);
  assert.deepEqual(unlisted.issues, [
    { column: 'idNumber', code: 'ID_REGION_UNLISTED', severity: 'warning', params: { region: '320599' } },
  ]);
  assert.ok(unlisted.value);
});

test('posts: 委员 needs the committee; a post of the other committee is refused', () => {
  const post = (committee: string, role: string) => validateImportRow({ ...good, committee, role }, TODAY);
  assert.deepEqual(post('村委会', '委员').value?.position?.role, 'committee_member');
  assert.deepEqual(post('党组织', '委员').value?.position?.role, 'party_member');
  assert.deepEqual(post('', '主任').value?.position?.committee, 'villagers');
  assert.deepEqual(
    post('', '委员').issues.map((i) => `${i.column}:${i.code}`),
    ['committee:required'],
  );
  assert.deepEqual(
    post('村委会', '书记').issues.map((i) => `${i.column}:${i.code}`),
    ['role:ROLE_COMMITTEE_MISMATCH'],
  );
  const none = validateImportRow({ ...good, role: '', positionStartDate: '' }, TODAY);
  assert.equal(none.value?.position, null);
});

test('dates as spreadsheets write them', () => {
  assert.equal(parseImportDate('1985-07-15'), '1985-07-15');
  assert.equal(parseImportDate('1985/7/5'), '1985-07-05');
  assert.equal(parseImportDate('19850715'), '1985-07-15');
  assert.equal(parseImportDate('1985.07'), '1985-07-01');
  assert.equal(parseImportDate('198507'), '1985-07-01');
  assert.equal(parseImportDate('1985年7月15日'), '1985-07-15');
  assert.equal(parseImportDate('1985-02-30'), null);
  assert.equal(parseImportDate('July 1985'), null);
});

test('the same person twice in the file (also as a 15-digit number)', () => {
  const a = makeIdNumber('320582', '1960-01-01', 11);
  const b = makeIdNumber('320582', '1970-01-01', 12);
  const rows: ImportRow[] = [
    { idNumber: a },
    { idNumber: b },
    { idNumber: a.slice(0, 6) + a.slice(8, 17) },
    { idNumber: 'bad' },
    { idNumber: a.toLowerCase() },
  ];
  assert.deepEqual(findDuplicateIdRows(rows, TODAY), [[0, 2, 4]]);
  assert.deepEqual([...duplicateIdIssues(rows, TODAY).keys()], [2, 4]);
  assert.deepEqual(duplicateIdIssues(rows, TODAY).get(2)?.params, { firstRow: 0 });
});

// ---- property tests over generated rows ----

const REGIONS = listedIdRegionCodes();
const DAY = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The day one turns `years` old, in ms (born 29 February: 1 March in a common year). */
const anniversary = (iso: string, years: number) =>
  Date.UTC(Number(iso.slice(0, 4)) + years, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const notAfterToday = (ms: number) => (isoOf(ms) > TODAY ? TODAY : isoOf(ms));

const rowArb = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    birthDay: fc.integer({ min: Date.UTC(1950, 0, 1) / DAY, max: Date.UTC(2000, 0, 1) / DAY }),
    seq: fc.integer({ min: 0, max: 999 }),
    name: fc.stringMatching(/^[张王李赵刘陈杨黄][建国红梅志强丽华]{1,2}$/),
    genderForm: fc.constantFrom('text', 'code', 'none'),
    dateForm: fc.constantFrom('iso', 'dots', 'compact', 'none'),
    ethnicity: fc.constantFrom(...ETHNICITIES.map((e) => e.zh), '汉', '崩龙族'),
    political: fc.constantFrom(...POLITICAL_STATUSES.map((e) => e.zh), '党员', '团员'),
    partyAfter18: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: null }),
    workAfter16: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: null }),
    phone: fc.option(fc.stringMatching(/^1[3-9]\d{9}$/), { nil: null }),
    edu: fc.option(fc.constantFrom('本科', '大专', '研究生', '中专', '高中', '初中', '21', '大学本科毕业'), {
      nil: null,
    }),
    eduInService: fc.option(fc.constantFrom('本科', '大学本科', '研究生', '硕士'), { nil: null }),
    degree: fc.option(fc.constantFrom('学士', '硕士', '博士', '无'), { nil: null }),
    org: fc.constantFrom('杨舍镇/福前村', '福前村', '320582001001'),
    post: fc.option(
      fc.record({
        pair: fc.constantFrom(
          ['', '书记'],
          ['党组织', '委员'],
          ['村委会', '主任'],
          ['村委会', '委员'],
          ['', '副书记'],
        ),
        afterBirthDays: fc.integer({ min: 18 * 366, max: 25 * 366 }),
      }),
      { nil: null },
    ),
  })
  .map((g) => {
    const birth = isoOf(g.birthDay * DAY);
    const id = makeIdNumber(g.region, birth, g.seq);
    const male = g.seq % 2 === 1;
    const dateText = (iso: string) =>
      g.dateForm === 'dots' ? iso.replace(/-/g, '.') : g.dateForm === 'compact' ? iso.replace(/-/g, '') : iso;
    const later = (years: number, days: number | null) =>
      days === null ? '' : dateText(notAfterToday(anniversary(birth, years) + days * DAY));
    const row: ImportRow = {
      name: g.name,
      idNumber: id,
      gender:
        g.genderForm === 'text' ? (male ? '男' : '女') : g.genderForm === 'code' ? (male ? '1' : '2') : '',
      birthDate: g.dateForm === 'none' ? '' : dateText(birth),
      ethnicity: g.ethnicity,
      politicalStatus: g.political,
      partyJoinDate: later(18, g.partyAfter18),
      workStartDate: later(16, g.workAfter16),
      phone: g.phone,
      fullTimeEducation: g.edu,
      inServiceEducation: g.eduInService,
      degree: g.degree,
      major: '农学',
      org: g.org,
      committee: g.post?.pair[0] ?? '',
      role: g.post?.pair[1] ?? '',
      positionStartDate: g.post ? isoOf(g.birthDay * DAY + g.post.afterBirthDays * DAY) : '',
    };
    return row;
  });

test('property: a valid generated row always passes', () => {
  fc.assert(
    fc.property(rowArb, (row) => {
      const r = validateImportRow(row, TODAY);
      assert.deepEqual(r.issues, [], JSON.stringify(row));
      assert.ok(r.value);
    }),
    { numRuns: 1000 },
  );
});

/** One way to spoil each column, and the reason expected on it. */
const CORRUPTIONS: { column: ImportColumn; spoil: (row: ImportRow) => string }[] = [
  { column: 'name', spoil: () => '' },
  { column: 'name', spoil: () => '张\u202e三' },
  {
    column: 'idNumber',
    spoil: (r) => {
      const id = r.idNumber!;
      const last = id[17] === '0' ? '1' : '0';
      return id.slice(0, 17) + last;
    },
  },
  { column: 'idNumber', spoil: (r) => `${r.idNumber!.slice(0, 6)}20991231${r.idNumber!.slice(14)}` },
  { column: 'gender', spoil: (r) => (Number(r.idNumber![16]) % 2 === 1 ? '女' : '男') },
  { column: 'gender', spoil: () => '火星人' },
  { column: 'birthDate', spoil: (r) => `${Number(r.idNumber!.slice(6, 10)) - 1}-01-01` },
  { column: 'birthDate', spoil: () => '1985-13-01' },
  { column: 'ethnicity', spoil: () => '火星族' },
  { column: 'ethnicity', spoil: () => '' },
  { column: 'politicalStatus', spoil: () => '海盗党' },
  { column: 'partyJoinDate', spoil: (r) => `${Number(r.idNumber!.slice(6, 10)) + 17}-01-01` },
  { column: 'partyJoinDate', spoil: () => '2099-01-01' },
  { column: 'workStartDate', spoil: (r) => `${Number(r.idNumber!.slice(6, 10)) - 1}-01-01` },
  { column: 'workStartDate', spoil: (r) => `${Number(r.idNumber!.slice(6, 10)) + 15}-01-01` },
  { column: 'phone', spoil: () => '12345' },
  { column: 'fullTimeEducation', spoil: () => '幼儿园' },
  { column: 'inServiceEducation', spoil: () => 'abc' },
  { column: 'degree', spoil: () => '院士' },
  { column: 'major', spoil: () => '农\u0000学' },
  { column: 'org', spoil: () => '' },
  { column: 'committee', spoil: () => '工会' },
  { column: 'role', spoil: () => '村长' },
  { column: 'positionStartDate', spoil: () => '2099-01-01' },
  { column: 'positionStartDate', spoil: () => 'soon' },
];

test('property: any single corrupted field is reported on that column, and only there', () => {
  fc.assert(
    fc.property(rowArb, fc.nat(CORRUPTIONS.length - 1), (row, k) => {
      const { column, spoil } = CORRUPTIONS[k]!;
      const spoiled = { ...row, [column]: spoil(row) };
      if (column === 'committee' || column === 'positionStartDate') {
        // the post columns are checked when there is a post
        spoiled.role ||= '书记';
        spoiled.positionStartDate ||= '2021-01-10';
        if (column === 'positionStartDate') spoiled.positionStartDate = spoil(row);
        fc.pre(spoiled.committee !== '党组织' || column === 'committee');
      }
      if (column === 'role') spoiled.positionStartDate ||= '2021-01-10';
      const r = validateImportRow(spoiled, TODAY);
      const errors = r.issues.filter((i) => i.severity === 'error');
      assert.ok(errors.length > 0, `${column} ${JSON.stringify(spoiled)}`);
      assert.deepEqual([...new Set(errors.map((i) => i.column))], [column], JSON.stringify(r.issues));
      assert.equal(r.value, null);
    }),
    { numRuns: 1000 },
  );
});
