import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { ImportIssuesPage, ImportJob } from '@xinhuo/shared';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';
import { rosterRow, rosterWorkbook } from '../helpers/roster-workbook';
import { createImportsService } from '../../src/modules/imports';
import type { Caller } from '../../src/platform/caller';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit';

describe('roster import: dry run, all-or-nothing commit, scope', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let idOfB1: string;

  before(async () => {
    env = await createTestEnv();
    for (const u of ['city1', 'towna', 'townb', 'seca1']) cookies[u] = await env.login(u);
    const row = await env.services.db
      .selectFrom('persons')
      .select('id_number_enc')
      .where('id', '=', env.seed.personB1)
      .executeTakeFirstOrThrow();
    idOfB1 = env.services.crypto.decrypt(row.id_number_enc);
  });
  after(() => env.close());

  const upload = async (user: string, bytes: Buffer, name = '花名册.xlsx') => {
    const res = await env.request(cookies[user]!, {
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as ImportJob;
  };
  const issues = async (user: string, id: string, query = '') =>
    (
      await env.request(cookies[user]!, {
        method: 'GET',
        url: `/api/imports/${id}/issues?pageSize=200${query}`,
      })
    ).json() as ImportIssuesPage;
  const commit = (user: string, id: string, existingMode: 'update' | 'skip' = 'update') =>
    env.request(cookies[user]!, {
      method: 'POST',
      url: `/api/imports/${id}/commit`,
      payload: { existingMode },
    });
  const personCount = async () =>
    Number(
      (
        await env.services.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = () => env.services.db.selectFrom('persons').selectAll().orderBy('id').execute();

  test('the template downloads as a workbook with the zh headers and drop-down lists', async () => {
    const res = await env.request(cookies.towna!, { method: 'GET', url: '/api/imports/template' });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell(1, 1).value, '姓名*');
    assert.equal(ws.getCell(1, 2).value, '身份证号*');
  });

  test('a village secretary (no import permission) is refused', async () => {
    const res = await env.request(cookies.seca1!, { method: 'GET', url: '/api/imports/template' });
    assert.equal(res.statusCode, 403);
  });

  test('a file with one bad row commits nothing, and the report names the row and column', async () => {
    const before = await personCount();
    const bytes = await rosterWorkbook([
      rosterRow('A1村', { name: '甲一', idNumber: testIdNumber('1986-01-02', '1') }),
      rosterRow('A1村', {
        name: '甲二',
        idNumber: testIdNumber('1987-01-02', '2'),
        fullTimeEducation: '大学肄业啊',
      }),
      rosterRow('A2村', { name: '甲三', idNumber: testIdNumber('1988-01-02', '1') }),
    ]);
    const job = await upload('towna', bytes);
    assert.equal(job.status, 'ready');
    assert.equal(job.counts.rows, 3);
    assert.equal(job.counts.errorRows, 1);
    const report = await issues('towna', job.id);
    const bad = report.items.filter((i) => i.severity === 'error');
    assert.deepEqual(
      bad.map((i) => [i.row, i.column, i.code]),
      [[3, 'fullTimeEducation', 'CODE_UNKNOWN']],
    );
    const res = await commit('towna', job.id);
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'IMPORT_HAS_ERRORS');
    assert.equal(await personCount(), before);

    const annotated = await env.request(cookies.towna!, {
      method: 'GET',
      url: `/api/imports/${job.id}/annotated`,
    });
    assert.equal(annotated.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    const note = wb.worksheets[0]!.getCell(3, 10).note;
    assert.ok(JSON.stringify(note).includes('代码不在标准代码表中'), JSON.stringify(note));
  });

  test('a clean file commits every row once; the same file again changes nothing', async () => {
    const before = await personCount();
    const rows = [
      rosterRow('A1村', {
        name: '乙一',
        idNumber: testIdNumber('1986-03-02', '1'),
        role: '书记',
        positionStartDate: '2021-01-10',
      }),
      rosterRow('A镇/A2村', {
        name: '乙二',
        idNumber: testIdNumber('1990-03-02', '2'),
        phone: '13900001111',
      }),
    ];
    const bytes = await rosterWorkbook(rows);
    const job = await upload('towna', bytes);
    assert.equal(job.counts.errorRows, 0);
    assert.equal(job.counts.newPeople, 2);
    const res = await commit('towna', job.id);
    assert.equal(res.statusCode, 200, res.body);
    const done = res.json() as ImportJob;
    assert.equal(done.status, 'committed');
    assert.deepEqual(done.result, { created: 2, updated: 0, skipped: 0 });
    assert.equal(await personCount(), before + 2);
    const seats = await env.services.db
      .selectFrom('positions as x')
      .innerJoin('persons as p', 'p.id', 'x.person_id')
      .select(['x.role', 'x.org_id'])
      .where('p.name', '=', '乙一')
      .execute();
    assert.deepEqual(seats, [{ role: 'party_secretary', org_id: env.seed.villageA1 }]);
    // The sealed upload is gone once committed; a second commit is refused.
    const left = await env.services.db
      .selectFrom('import_uploads')
      .select('job_id')
      .where('job_id', '=', job.id)
      .execute();
    assert.equal(left.length, 0);
    assert.equal((await commit('towna', job.id)).statusCode, 409);

    const snap = await snapshot();
    const again = await upload('towna', bytes);
    assert.equal(again.fileSha256, job.fileSha256);
    assert.equal(again.counts.existingPeople, 2);
    assert.equal(again.counts.newPeople, 0);
    const res2 = await commit('towna', again.id, 'update');
    assert.equal(res2.statusCode, 200, res2.body);
    assert.deepEqual((res2.json() as ImportJob).result, { created: 0, updated: 0, skipped: 2 });
    assert.deepEqual(await snapshot(), snap);

    // The commit is audited in batches: one row for the created people, none per person.
    const audits = await env.services.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', job.id)
      .execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), [
      'import_commit',
      'import_upload',
      'person_import_create',
    ]);
  });

  test('town staff import only into their own town: another town’s village is not found', async () => {
    const bytes = await rosterWorkbook([
      rosterRow('B1村', { name: '丙一', idNumber: testIdNumber('1984-05-06', '1') }),
      rosterRow('B镇/B1村', { name: '丙二', idNumber: testIdNumber('1983-05-06', '1') }),
    ]);
    const job = await upload('towna', bytes);
    const report = await issues('towna', job.id);
    assert.deepEqual(
      report.items.map((i) => [i.row, i.column, i.code]),
      [
        [2, 'org', 'IMPORT_ORG_NOT_FOUND'],
        [3, 'org', 'IMPORT_ORG_NOT_FOUND'],
      ],
    );
    assert.equal((await commit('towna', job.id)).statusCode, 422);
    // The city may import the same rows.
    const cityJob = await upload('city1', bytes);
    assert.equal(cityJob.counts.errorRows, 0);
  });

  test('an ID held in another town is reported without saying whose or where', async () => {
    const bytes = await rosterWorkbook([
      rosterRow('A1村', { name: '丁一', idNumber: idOfB1, gender: '男', birthDate: '' }),
    ]);
    const job = await upload('towna', bytes);
    const report = await issues('towna', job.id);
    assert.deepEqual(
      report.items.map((i) => [i.row, i.column, i.code, i.params]),
      [[2, 'idNumber', 'IMPORT_ID_HELD_ELSEWHERE', undefined]],
    );
    assert.ok(!JSON.stringify(report).includes('张伟'));
    assert.ok(!JSON.stringify(report).includes(env.seed.personB1));
  });

  test('another user’s job answers like a missing one', async () => {
    const job = await upload('towna', await rosterWorkbook([rosterRow('A1村')]));
    const res = await env.request(cookies.townb!, { method: 'GET', url: `/api/imports/${job.id}` });
    assert.equal(res.statusCode, 404);
    assert.equal((await commit('townb', job.id)).statusCode, 404);
  });

  test('a crash inside the commit transaction leaves nothing written', async () => {
    const s = env.services;
    const faulty = createImportsService({
      db: s.db,
      clock: s.clock,
      audit: s.audit,
      crypto: s.crypto,
      orgs: s.orgs,
      people: s.people,
      faults: {
        midCommit: () => {
          throw new Error('injected crash');
        },
      },
    });
    const job = await upload(
      'towna',
      await rosterWorkbook([
        rosterRow('A1村', { name: '戊一', idNumber: testIdNumber('1981-07-08', '1') }),
        rosterRow('A2村', { name: '戊二', idNumber: testIdNumber('1982-07-08', '2') }),
      ]),
    );
    const me = await s.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'towna')
      .executeTakeFirstOrThrow();
    const town = await s.db
      .selectFrom('orgs')
      .select('path')
      .where('id', '=', env.seed.townA)
      .executeTakeFirstOrThrow();
    const caller: Caller = {
      userId: me.id,
      scopePaths: [town.path],
      permissions: 'system',
      actor: SYSTEM_ACTOR,
    };
    const before = await snapshot();
    await assert.rejects(faulty.commit(caller, job.id, 'update'), /injected crash/);
    assert.deepEqual(await snapshot(), before);
    const row = await s.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'ready');
    assert.equal(row.created_count, null);
    const audits = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', job.id)
      .execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['import_upload'],
    );
    // Once the fault is gone the same job commits.
    assert.equal((await commit('towna', job.id)).statusCode, 200);
  });
});
