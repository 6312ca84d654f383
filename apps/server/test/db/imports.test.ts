import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  errorMessage,
  fieldMessage,
  makeIdNumber,
  type ImportIssuesPage,
  type ImportJob,
} from '@xinhuo/shared';
import { createTestEnv, testIdNumber, type TestEnv } from '../helpers/test-env';
import { rosterRow, rosterWorkbook } from '../helpers/roster-workbook';
import { makePerson } from '../helpers/factories';
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

  const getJob = async (user: string, id: string) =>
    (await env.request(cookies[user]!, { method: 'GET', url: `/api/imports/${id}` })).json() as ImportJob;
  /** The job once its background work has ended (the request that started it answered at once). */
  const settled = async (user: string, id: string) => {
    await env.services.imports.settled(id);
    return getJob(user, id);
  };
  const upload = async (user: string, bytes: Buffer, name = '花名册.xlsx') => {
    const res = await env.request(cookies[user]!, {
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((res.json() as ImportJob).status, 'validating');
    return settled(user, (res.json() as ImportJob).id);
  };
  const issues = async (user: string, id: string, query = '') =>
    (
      await env.request(cookies[user]!, {
        method: 'GET',
        url: `/api/imports/${id}/issues?pageSize=200${query}`,
      })
    ).json() as ImportIssuesPage;
  /** Start the commit; a started commit is awaited, so the job's end can be read right after. */
  const commit = async (user: string, id: string, existingMode: 'update' | 'skip' = 'update') => {
    const res = await env.request(cookies[user]!, {
      method: 'POST',
      url: `/api/imports/${id}/commit`,
      payload: { existingMode },
    });
    if (res.statusCode === 200) {
      assert.equal((res.json() as ImportJob).status, 'committing');
      await env.services.imports.settled(id);
    }
    return res;
  };
  const personCount = async () =>
    Number(
      (
        await env.services.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const dedupeRequests = async () =>
    (await env.services.db.selectFrom('person_dedupe_requests').select('id').execute()).length;
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
    // A seat goes into the open term of its org and committee on its start date: with none, the row says so.
    const early = await upload('towna', bytes);
    assert.deepEqual(
      (await issues('towna', early.id)).items.map((i) => [i.row, i.column, i.code]),
      [[2, 'role', 'IMPORT_NO_OPEN_TERM']],
    );
    const opened = await env.request(cookies.towna!, {
      method: 'POST',
      url: `/api/orgs/${env.seed.villageA1}/terms`,
      payload: { committee: 'party', electionDate: '2021-01-08' },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const termId = (opened.json() as { id: string }).id;
    const job = await upload('towna', bytes);
    assert.equal(job.counts.errorRows, 0);
    assert.equal(job.counts.newPeople, 2);
    const res = await commit('towna', job.id);
    assert.equal(res.statusCode, 200, res.body);
    const done = await getJob('towna', job.id);
    assert.equal(done.status, 'committed');
    assert.deepEqual(done.result, { created: 2, updated: 0, skipped: 0 });
    assert.equal(await personCount(), before + 2);
    const seats = await env.services.db
      .selectFrom('positions as x')
      .innerJoin('persons as p', 'p.id', 'x.person_id')
      .select(['x.role', 'x.org_id', 'x.term_id'])
      .where('p.name', '=', '乙一')
      .execute();
    assert.deepEqual(seats, [{ role: 'party_secretary', org_id: env.seed.villageA1, term_id: termId }]);
    // The sealed upload is gone once committed; a second commit is refused.
    const left = await env.services.db
      .selectFrom('import_uploads')
      .select('job_id')
      .where('job_id', '=', job.id)
      .execute();
    assert.equal(left.length, 0);
    const keptLeft = await env.services.db
      .selectFrom('import_checked_rows')
      .select('job_id')
      .where('job_id', '=', job.id)
      .execute();
    assert.equal(keptLeft.length, 0);
    assert.equal((await commit('towna', job.id)).statusCode, 409);

    const snap = await snapshot();
    const again = await upload('towna', bytes);
    assert.equal(again.fileSha256, job.fileSha256);
    assert.equal(again.counts.existingPeople, 2);
    assert.equal(again.counts.newPeople, 0);
    const res2 = await commit('towna', again.id, 'update');
    assert.equal(res2.statusCode, 200, res2.body);
    assert.deepEqual((await getJob('towna', again.id)).result, { created: 0, updated: 0, skipped: 2 });
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
    const requestsBefore = await dedupeRequests();
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
    // The same words as the person form's answer for such a number, and no city review request from a
    // dry run nor from the refused commit (a request is one person's submission on the form).
    const formWords = (lang: 'zh-CN' | 'en') => errorMessage('PERSON_CITY_REVIEW', lang).split(/[，;]/)[0]!;
    for (const lang of ['zh-CN', 'en'] as const)
      assert.ok(fieldMessage('IMPORT_ID_HELD_ELSEWHERE', lang).startsWith(formWords(lang)), lang);
    assert.equal((await commit('towna', job.id)).statusCode, 422);
    assert.equal(await dedupeRequests(), requestsBefore);
  });

  test('the commit writes the dry run’s kept rows, checking again what changed since: an ID now held elsewhere stops it', async () => {
    const heldLater = testIdNumber('1979-02-03', '1');
    const bytes = await rosterWorkbook([
      rosterRow('A1村', { name: '己一', idNumber: testIdNumber('1978-02-03', '1') }),
      rosterRow('A2村', { name: '己二', idNumber: heldLater }),
    ]);
    const job = await upload('towna', bytes);
    assert.equal(job.counts.errorRows, 0);
    // The checked people are kept sealed: no ID number in the clear.
    const kept = await env.services.db
      .selectFrom('import_checked_rows')
      .selectAll()
      .where('job_id', '=', job.id)
      .execute();
    assert.equal(kept.length, 1);
    assert.ok(!Buffer.from(kept[0]!.content).toString('latin1').includes(heldLater));
    // Between the dry run and the commit, another town puts the second number on its roster.
    await makePerson(env, { org: env.seed.villageB1, idNumber: heldLater, birthDate: '1979-02-03' });
    const before = await snapshot();
    const res = await commit('towna', job.id);
    assert.equal(res.statusCode, 200, res.body);
    const back = await getJob('towna', job.id);
    assert.equal(back.status, 'ready');
    assert.equal(back.counts.errorRows, 1);
    assert.deepEqual(
      (await issues('towna', job.id)).items.map((i) => [i.row, i.column, i.code]),
      [[3, 'idNumber', 'IMPORT_ID_HELD_ELSEWHERE']],
    );
    assert.deepEqual(await snapshot(), before, 'nothing written, not even the first row');
    const left = await env.services.db
      .selectFrom('import_checked_rows')
      .select('job_id')
      .where('job_id', '=', job.id)
      .execute();
    assert.equal(left.length, 0);
    assert.equal((await commit('towna', job.id)).statusCode, 422);
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
    const bytes = await rosterWorkbook([
      rosterRow('A1村', { name: '戊一', idNumber: testIdNumber('1981-07-08', '1') }),
      rosterRow('A2村', { name: '戊二', idNumber: testIdNumber('1982-07-08', '2') }),
    ]);
    const job = await upload('towna', bytes);
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
    assert.equal((await faulty.commit(caller, job.id, 'update', 'en')).status, 'committing');
    await faulty.settled(job.id);
    assert.deepEqual(await snapshot(), before);
    const row = await s.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(row.created_count, null);
    assert.deepEqual((await getJob('towna', job.id)).failure, {
      code: 'IMPORT_COMMIT_FAILED',
      message: '导入提交时出错，未写入任何数据，请稍后重新上传',
    });
    const audits = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', job.id)
      .execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['import_upload'],
    );
    // A failed job stays failed (its upload is gone); the same file uploaded again commits.
    assert.equal((await commit('towna', job.id)).statusCode, 409);
    const again = await upload('towna', bytes);
    assert.equal((await commit('towna', again.id)).statusCode, 200);
    assert.equal((await getJob('towna', again.id)).status, 'committed');
  });

  test('a long import runs in the background: its progress moves through each phase and ends committed', async () => {
    const s = env.services;
    const imports = createImportsService({ ...s, progressEvery: 100 });
    const me = await s.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'city1')
      .executeTakeFirstOrThrow();
    const caller: Caller = { userId: me.id, scopePaths: ['/'], permissions: 'system', actor: SYSTEM_ACTOR };
    const n = 1200;
    const bytes = await rosterWorkbook(
      Array.from({ length: n }, (_, i) => {
        const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        return rosterRow('A1村', { name: `进度${i}`, idNumber: makeIdNumber('320582', birth, 11) });
      }),
    );
    /** Every state the job shows while its work runs, polled as the web does (oftener). */
    const watch = async (id: string) => {
      const seen: string[] = [];
      for (;;) {
        const j = await imports.getJob(caller, id, 'en');
        const state = `${j.status} ${j.phase} ${j.done}/${j.total}`;
        if (seen.at(-1) !== state) seen.push(state);
        if (j.status !== 'validating' && j.status !== 'committing') return { job: j, seen };
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const before = await personCount();
    const started = await imports.upload(caller, { name: 'progress.xlsx', bytes }, 'en');
    assert.equal(started.status, 'validating');
    const checked = await watch(started.id);
    assert.equal(checked.job.status, 'ready', checked.seen.join('\n'));
    assert.equal(checked.job.counts.rows, n);
    const parsing = checked.seen.filter((x) => /^validating parse [1-9]/.test(x));
    assert.ok(parsing.length >= 2, checked.seen.join('\n'));
    const counts = parsing.map((x) => Number(/parse (\d+)/.exec(x)![1]));
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
      'the rows read only grow',
    );
    assert.equal(await personCount(), before, 'a dry run writes no person');

    const committing = await imports.commit(caller, started.id, 'skip', 'en');
    assert.equal(committing.status, 'committing');
    const done = await watch(started.id);
    assert.equal(done.job.status, 'committed', done.seen.join('\n'));
    assert.deepEqual(done.job.result, { created: n, updated: 0, skipped: 0 });
    const writing = done.seen.filter((x) => /^committing commit [1-9]\d* ?\/1200/.test(x));
    assert.ok(
      writing.some((x) => !x.includes(' 1200/')),
      `the commit shows rows written before the end: ${done.seen.join(' | ')}`,
    );
    assert.equal(await personCount(), before + n);
    // Read back from the database (not the running job's copy), the job says the same.
    await imports.settled(started.id);
    assert.deepEqual(await imports.getJob(caller, started.id, 'en'), done.job);
  });
});
