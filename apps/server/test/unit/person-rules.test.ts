import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeIdNumber } from '@xinhuo/shared';
import { checkPerson } from '../../src/modules/people/person-rules';
import { AppError } from '../../src/platform/errors';
import { neutralizeCell } from '../../src/platform/excel/xlsx-writer';

const base = { name: '测试', ethnicity: '01', politicalStatus: '01', orgId: 'x' };
const id = makeIdNumber('320582', '1990-02-03', 123);

const reasons = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError);
    return { code: e.code, fields: (e.fields ?? []).map((f) => `${f.path}:${f.reason}`) };
  }
  assert.fail('expected an AppError');
};

test('birth date and gender come from the ID number', () => {
  const r = checkPerson({ ...base, idNumber: id.toLowerCase() }, '2026-01-01');
  assert.equal(r.birthDate, '1990-02-03');
  assert.equal(r.gender, '1');
});

test('table of refusals', () => {
  const cases: [Record<string, unknown>, string, string[]][] = [
    [
      { idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') },
      'VALIDATION_FAILED',
      ['idNumber:ID_CHECK_DIGIT'],
    ],
    [{ idNumber: '32058219900203123' }, 'VALIDATION_FAILED', ['idNumber:ID_FORMAT']],
    [{ idNumber: id, gender: '2' }, 'PERSON_ID_MISMATCH', ['gender:invalid_value']],
    [{ idNumber: id, birthDate: '1990-02-04' }, 'PERSON_ID_MISMATCH', ['birthDate:invalid_value']],
    [{ idNumber: id, ethnicity: '77' }, 'VALIDATION_FAILED', ['ethnicity:CODE_UNKNOWN']],
    [{ idNumber: id, phone: '12345' }, 'VALIDATION_FAILED', ['phone:PHONE_FORMAT']],
    [{ idNumber: id, partyJoinDate: '2030-01-01' }, 'VALIDATION_FAILED', ['partyJoinDate:DATE_IN_FUTURE']],
    [{ idNumber: id, workStartDate: '1980-01-01' }, 'VALIDATION_FAILED', ['workStartDate:DATE_BEFORE_BIRTH']],
    // The shared rules of the import: party membership from 18, work from 16 (born 1990-02-03).
    [
      { idNumber: id, partyJoinDate: '2008-02-02' },
      'VALIDATION_FAILED',
      ['partyJoinDate:PARTY_JOIN_UNDER_18'],
    ],
    [
      { idNumber: id, workStartDate: '2006-02-02' },
      'VALIDATION_FAILED',
      ['workStartDate:WORK_START_UNDER_16'],
    ],
  ];
  for (const [patch, code, fields] of cases) {
    assert.deepEqual(
      reasons(() => checkPerson({ ...base, ...patch } as never, '2026-01-01')),
      { code, fields },
      JSON.stringify(patch),
    );
  }
});

test('highest of full-time and in-service education decides 大专+', () => {
  assert.equal(
    checkPerson({ ...base, idNumber: id, fullTimeEducation: '61', inServiceEducation: '31' }, '2026-01-01')
      .isCollege,
    true,
  );
  assert.equal(
    checkPerson({ ...base, idNumber: id, fullTimeEducation: '61' }, '2026-01-01').isCollege,
    false,
  );
  assert.equal(
    checkPerson({ ...base, idNumber: id, fullTimeEducation: '14' }, '2026-01-01').highestEducation,
    '14',
  );
});

test('spreadsheet formula injection is neutralized', () => {
  for (const v of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'])
    assert.equal(neutralizeCell(v), `'${v}`);
  assert.equal(neutralizeCell('陆婷婷'), '陆婷婷');
});
