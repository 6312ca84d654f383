import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeIdNumber } from '@xinhuo/shared';
import {
  SIGN_IN_COLUMNS,
  creditedTenths,
  judgeSignInRows,
  shortfallTenths,
  type SignInRow,
} from '../../src/modules/training/training-rules';
import { readImportWorkbook } from '../../src/platform/excel/import-reader';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';

describe('training hours', () => {
  const records = [
    { attended: true, sessionDate: '2026-03-10', hoursTenths: 35 },
    { attended: false, sessionDate: '2026-04-10', hoursTenths: 20 },
    { attended: true, sessionDate: '2026-12-31', hoursTenths: 10 },
    { attended: true, sessionDate: '2025-12-31', hoursTenths: 40 },
    { attended: false, sessionDate: '2025-06-01', hoursTenths: 15 },
  ];

  test('only attended sessions of the year count', () => {
    assert.equal(creditedTenths(records, 2026), 45);
    assert.equal(creditedTenths(records, 2025), 40);
    assert.equal(creditedTenths(records, 2024), 0);
    assert.equal(creditedTenths([], 2026), 0);
  });

  test('an enrollment not attended adds nothing, whatever its hours', () => {
    for (let h = 1; h <= 100; h += 7) {
      const more = [...records, { attended: false, sessionDate: '2026-05-05', hoursTenths: h }];
      assert.equal(creditedTenths(more, 2026), creditedTenths(records, 2026));
    }
  });

  test('the shortfall is what is missing, never negative', () => {
    assert.equal(shortfallTenths(45, 160), 115);
    assert.equal(shortfallTenths(160, 160), 0);
    assert.equal(shortfallTenths(200, 160), 0);
  });
});

describe('sign-in sheet rows', () => {
  const idA = makeIdNumber('320582', '1988-04-02', 11);
  const idB = makeIdNumber('320582', '1979-10-20', 22);
  const idC = makeIdNumber('320582', '1990-01-01', 33);
  const people = new Map([
    [idA, { id: 'pa', name: '陆婷婷' }],
    [idB, { id: 'pb', name: '张伟' }],
    [idC, { id: 'pc', name: '王芳' }],
  ]);
  const enrolled = new Set(['pa', 'pb']);
  const row = (
    n: number,
    name: string,
    idNumber: string,
    findings: SignInRow['findings'] = [],
  ): SignInRow => ({
    row: n,
    name,
    idNumber,
    findings,
  });

  test('good rows give the people to sign in', () => {
    const r = judgeSignInRows([row(2, '陆婷婷', idA), row(3, ' 张伟 ', idB.toLowerCase())], people, enrolled);
    assert.deepEqual(r, { personIds: ['pa', 'pb'], errors: [] });
  });

  test('each bad row is reported by its row number and column', () => {
    const r = judgeSignInRows(
      [
        row(2, '陆婷婷', idA),
        row(3, '', idB),
        row(4, '张伟', '32058219791020002'),
        row(5, '王芳', idC),
        row(6, '李强', makeIdNumber('320582', '1970-01-01', 44)),
        row(7, '张三', idB),
        row(8, '陆婷婷', idA),
        row(9, '赵磊', '', [{ column: 'idNumber', reason: 'EXCEL_DIGITS_LOST' }]),
      ],
      people,
      enrolled,
    );
    assert.deepEqual(r.errors, [
      { path: 'rows.3.name', reason: 'required' },
      { path: 'rows.4.idNumber', reason: 'ID_FORMAT' },
      { path: 'rows.5.idNumber', reason: 'TRAINING_NOT_ENROLLED' },
      { path: 'rows.6.idNumber', reason: 'TRAINING_PERSON_UNKNOWN' },
      { path: 'rows.7.name', reason: 'TRAINING_NAME_MISMATCH' },
      { path: 'rows.8.idNumber', reason: 'TRAINING_ROW_DUPLICATE' },
      { path: 'rows.9.idNumber', reason: 'EXCEL_DIGITS_LOST' },
    ]);
  });

  test('a real sheet read by the platform reader keeps its row numbers (a title row above the header)', async () => {
    const bytes = await writeXlsxSheet(
      '签到表',
      [
        { header: '2026年春培签到表', width: 20 },
        { header: '', width: 20 },
      ],
      [
        ['姓名', '身份证号'],
        ['陆婷婷', idA],
        ['', ''],
        ['王芳', idC],
      ],
    );
    const rows: SignInRow[] = [];
    await readImportWorkbook(bytes, SIGN_IN_COLUMNS, {
      onRow: (r) => {
        rows.push({ row: r.row, name: r.values.name!, idNumber: r.values.idNumber!, findings: [] });
      },
    });
    assert.deepEqual(
      rows.map((r) => [r.row, r.name]),
      [
        [3, '陆婷婷'],
        [5, '王芳'],
      ],
    );
    assert.deepEqual(judgeSignInRows(rows, people, enrolled).errors, [
      { path: 'rows.5.idNumber', reason: 'TRAINING_NOT_ENROLLED' },
    ]);
  });
});
