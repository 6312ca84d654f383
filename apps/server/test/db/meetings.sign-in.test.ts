import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { makePerson, type MadePerson } from '../helpers/factories';

/** A meeting's sign-in sheet as a town brings it: 姓名, 单位, 参会身份, 身份证号, 签到. */
const sheet = (rows: readonly (readonly string[])[]) =>
  writeXlsxSheet(
    '签到表',
    ['姓名', '单位', '参会身份', '身份证号', '签到'].map((header) => ({ header, width: 16 })),
    rows.map((r) => [r[0] ?? '', r[1] ?? '', r[2] ?? '', r[3] ?? '', '✓']),
  );

interface SheetAnswer {
  rows: number;
  fromRoster: number;
  participants: {
    personId: string | null;
    orgId: string | null;
    name: string;
    role: string;
    spoke: boolean;
  }[];
}

describe('a meeting 签到表 read into participants from the roster', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let wang: MadePerson;
  let wangB: MadePerson;
  let zhou: MadePerson;
  const upload = (user: string, bytes: Buffer) =>
    env.request(cookies[user]!, {
      method: 'POST',
      url: '/api/meetings/sign-in-sheet',
      payload: bytes,
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('签到表.xlsx'),
      },
    });

  before(async () => {
    env = await createTestEnv();
    for (const u of ['towna', 'townb', 'leader1', 'city1']) cookies[u] = await env.login(u);
    // Two 王芳 in town A (one in each village), one 周敏 in A1; another 王芳 in town B.
    wang = await makePerson(env, {
      name: '王芳',
      org: env.seed.villageA1,
      gender: '2',
      birthDate: '1985-03-01',
    });
    await makePerson(env, { name: '王芳', org: env.seed.villageA2, gender: '2', birthDate: '1986-04-02' });
    wangB = await makePerson(env, {
      name: '王芳',
      org: env.seed.villageB1,
      gender: '2',
      birthDate: '1987-05-03',
    });
    zhou = await makePerson(env, {
      name: '周敏',
      org: env.seed.villageA1,
      gender: '2',
      birthDate: '1990-06-04',
    });
  });
  after(() => env.close());

  test('people of the roster by ID number or by name and unit, guests by name, in sheet order', async () => {
    const r = await upload(
      'towna',
      await sheet([
        ['王芳', '', '发言', wang.idNumber],
        ['王芳', 'A2村'],
        ['周 敏', 'A镇A1村', '主持'],
        ['刘主任', '市农业农村局', '列席'],
        ['陈专家', ''],
      ]),
    );
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as SheetAnswer;
    assert.equal(body.rows, 5);
    assert.equal(body.fromRoster, 3);
    assert.deepEqual(
      body.participants.map((p) => [p.name, p.role, p.spoke, p.personId !== null]),
      [
        ['王芳', 'speaker', true, true],
        ['王芳', 'attendee', false, true],
        ['周敏', 'host', false, true],
        ['刘主任', 'guest', false, false],
        ['陈专家', 'attendee', false, false],
      ],
    );
    assert.equal(body.participants[0]!.personId, wang.id);
    assert.equal(body.participants[0]!.orgId, env.seed.villageA1);
    assert.notEqual(body.participants[1]!.personId, wang.id);
    assert.equal(body.participants[2]!.personId, zhou.id);
    assert.doesNotMatch(r.body, new RegExp(wang.idNumber), 'the answer holds no ID number');
  });

  test('any bad row refuses the sheet, naming every bad row and column', async () => {
    const badCheck = wang.idNumber.slice(0, 17) + (wang.idNumber.endsWith('0') ? '1' : '0');
    const r = await upload(
      'towna',
      await sheet([
        ['周敏', 'A1村'],
        ['王芳', 'A镇'], // two 王芳 in town A fit
        ['王芳', '', '', badCheck], // wrong check digit
        ['王芳', '', '', wangB.idNumber], // town B's person: unknown to town A
        ['李四', '', '', zhou.idNumber], // the number is 周敏's
        ['周敏', 'A1村'], // twice
        ['赵六', '', '旁听'], // no such role
      ]),
    );
    assert.equal(r.statusCode, 400, r.body);
    const err = r.json().error;
    assert.equal(err.code, 'MEETING_SIGN_IN_ROWS');
    const fields = (err.fields as { path: string; reason: string }[]).map((f) => [f.path, f.reason]);
    assert.deepEqual(fields, [
      ['rows.3.name', 'MEETING_SIGN_IN_AMBIGUOUS'],
      ['rows.4.idNumber', 'ID_CHECK_DIGIT'],
      ['rows.5.idNumber', 'TRAINING_PERSON_UNKNOWN'],
      ['rows.6.name', 'TRAINING_NAME_MISMATCH'],
      ['rows.7.name', 'TRAINING_ROW_DUPLICATE'],
      ['rows.8.role', 'invalid_value'],
    ]);
    // The city sees both towns: town B's 王芳 by number is found there.
    const city = await upload('city1', await sheet([['王芳', '', '', wangB.idNumber]]));
    assert.equal(city.statusCode, 200, city.body);
    assert.equal((city.json() as SheetAnswer).participants[0]!.personId, wangB.id);
  });

  test('only meeting writers may read a sheet; the template is a real workbook with the columns', async () => {
    assert.equal((await upload('leader1', await sheet([['周敏']]))).statusCode, 403);
    const anon = await env.request(null, {
      method: 'POST',
      url: '/api/meetings/sign-in-sheet',
      payload: Buffer.from('x'),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.xlsx' },
    });
    assert.equal(anon.statusCode, 401);
    const junk = await upload('towna', Buffer.from('not a workbook'));
    assert.equal(junk.statusCode, 415, junk.body); // not a workbook

    const t = await env.request(cookies.towna!, {
      method: 'GET',
      url: '/api/meetings/sign-in-sheet/template',
    });
    assert.equal(t.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('签到表')!;
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((c) => String(ws.getCell(1, c).value).replace(/\*$/, '')),
      ['姓名', '单位', '参会身份', '身份证号', '签到'],
    );
    // A filled template reads back (a guest and a roster person by number).
    ws.getCell(2, 1).value = '周敏';
    ws.getCell(2, 4).value = zhou.idNumber;
    ws.getCell(3, 1).value = '孙嘉宾';
    const back = await upload('towna', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(
      (back.json() as SheetAnswer).participants.map((p) => [p.name, p.personId]),
      [
        ['周敏', zhou.id],
        ['孙嘉宾', null],
      ],
    );
  });
});
