import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { writeXlsxSheet } from '../../src/platform/excel/xlsx-writer';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { trainingHours } from '../../src/modules/training';
import { createTestEnv, type TestEnv } from '../helpers/test-env';
import { makePerson, makeTrainingSession, testIdNumber } from '../helpers/factories';

/** A session's sign-in sheet as people bring it: 姓名, 身份证号, 签到. */
const signInSheet = (rows: readonly [string, string][]) =>
  writeXlsxSheet(
    '签到表',
    [
      { header: '姓名', width: 12 },
      { header: '身份证号', width: 22 },
      { header: '签到', width: 10 },
    ],
    rows.map(([name, id]) => [name, id, '✓']),
  );

describe('training: sessions, enrollment, sign-in, feedback, hours, the university class', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  const req = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    env.request(cookies[user]!, { method, url, ...(payload ? { payload: payload as object } : {}) });
  const upload = (user: string, url: string, bytes: Buffer) =>
    env.request(cookies[user]!, {
      method: 'POST',
      url,
      payload: bytes,
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('签到表.xlsx'),
      },
    });
  let city: { sessionId: string };

  before(async () => {
    env = await createTestEnv({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['city1', 'towna', 'townb', 'seca1']) cookies[u] = await env.login(u);
    city = await makeTrainingSession(env, {
      owner: env.seed.cityId,
      kind: 'academy_course',
      capacity: 3,
      hours: 3.5,
      lecturerIds: [env.seed.personB1],
    });
  });
  after(() => env.close());

  test('a town sees the city session but cannot enroll another town’s people (404, nothing written)', async () => {
    const got = await req('towna', 'GET', `/api/training/sessions/${city.sessionId}`);
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json().lecturers[0].personId, env.seed.personB1);
    const other = await req('towna', 'POST', `/api/training/sessions/${city.sessionId}/enroll`, {
      by: 'person',
      personIds: [env.seed.personA1, env.seed.personB1],
    });
    assert.equal(other.statusCode, 404);
    assert.equal((await req('towna', 'GET', `/api/training/sessions/${city.sessionId}`)).json().enrolled, 0);
    const ok = await req('towna', 'POST', `/api/training/sessions/${city.sessionId}/enroll`, {
      by: 'person',
      personIds: [env.seed.personA1, env.seed.personA2],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { enrolled: 2, alreadyEnrolled: 0 });
    // Town B sees the city session but none of town A's enrollments.
    const b = (await req('townb', 'GET', `/api/training/sessions/${city.sessionId}`)).json();
    assert.equal(b.enrollments.length, 0);
    // A town's own session is not visible to the other town.
    const own = await makeTrainingSession(env, { owner: env.seed.townA });
    assert.equal((await req('townb', 'GET', `/api/training/sessions/${own.sessionId}`)).statusCode, 404);
    assert.equal((await req('towna', 'GET', `/api/training/sessions/${own.sessionId}`)).statusCode, 200);
    const listB = (await req('townb', 'GET', '/api/training/sessions')).json();
    assert.ok(!listB.items.some((s: { id: string }) => s.id === own.sessionId));
    // The village secretary reads but does not enroll.
    const sec = await req('seca1', 'POST', `/api/training/sessions/${city.sessionId}/enroll`, {
      by: 'person',
      personIds: [env.seed.personA1],
    });
    assert.equal(sec.statusCode, 403);
  });

  test('capacity: an enrollment that does not fit is refused whole', async () => {
    const extra = await makePerson(env, { org: env.seed.villageA1, name: '王芳', gender: '2' });
    const another = await makePerson(env, { org: env.seed.villageA1, name: '赵磊' });
    const r = await req('towna', 'POST', `/api/training/sessions/${city.sessionId}/enroll`, {
      by: 'person',
      personIds: [extra.id, another.id],
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'TRAINING_CAPACITY_FULL');
    assert.equal((await req('city1', 'GET', `/api/training/sessions/${city.sessionId}`)).json().enrolled, 2);
    // Enrolling someone already enrolled takes no seat.
    const again = await req('towna', 'POST', `/api/training/sessions/${city.sessionId}/enroll`, {
      by: 'person',
      personIds: [env.seed.personA1, extra.id],
    });
    assert.deepEqual(again.json(), { enrolled: 1, alreadyEnrolled: 1 });
  });

  test('feedback only by attendees; hours credited only for attended sessions', async () => {
    const fb = (personId: string) =>
      req('towna', 'POST', `/api/training/sessions/${city.sessionId}/feedback`, {
        personId,
        rating: 5,
        feedback: '很实用',
      });
    const before = await fb(env.seed.personA1);
    assert.equal(before.statusCode, 403);
    assert.equal(before.json().error.code, 'TRAINING_NOT_ATTENDED');
    assert.equal((await fb(env.seed.personB1)).statusCode, 404);
    const hours0 = await trainingHours(env.services.db, [env.seed.personA1, env.seed.personA2], 2026);
    assert.equal(hours0.size, 0);

    const s = await req('towna', 'POST', `/api/training/sessions/${city.sessionId}/sign-in`, {
      personIds: [env.seed.personA1],
    });
    assert.equal(s.statusCode, 200, s.body);
    assert.equal(s.json().signedIn, 1);
    assert.equal((await fb(env.seed.personA1)).statusCode, 204);
    assert.equal((await fb(env.seed.personA2)).json().error.code, 'TRAINING_NOT_ATTENDED');

    const hours = await trainingHours(env.services.db, [env.seed.personA1, env.seed.personA2], 2026);
    assert.equal(hours.get(env.seed.personA1), 3.5);
    assert.equal(hours.has(env.seed.personA2), false);
    assert.equal((await trainingHours(env.services.db, [env.seed.personA1], 2025)).size, 0);
    // The person page's years agree with the pipeline's query; the not-attended enrollment adds nothing.
    const page = (await req('towna', 'GET', `/api/training/people/${env.seed.personA1}`)).json();
    assert.deepEqual(page.years, [{ year: 2026, hours: 3.5, sessions: 1 }]);
    const none = (await req('towna', 'GET', `/api/training/people/${env.seed.personA2}`)).json();
    assert.deepEqual(none.years, []);

    const stats = (await req('city1', 'GET', '/api/training/lecturers?year=2026')).json();
    const b1 = stats.items.find((i: { personId: string }) => i.personId === env.seed.personB1);
    assert.deepEqual(
      { sessions: b1.sessions, hours: b1.hours, ratings: b1.ratings, avg: b1.averageRating },
      { sessions: 1, hours: 3.5, ratings: 1, avg: 5 },
    );
  });

  test('the hours report against the year’s requirement, and its shortfall list', async () => {
    assert.equal(
      (await req('city1', 'PUT', '/api/training/requirements', { year: 2026, hours: 4 })).statusCode,
      204,
    );
    const r = (await req('towna', 'GET', '/api/training/hours?year=2026')).json();
    assert.equal(r.requiredHours, 4);
    const a1 = r.items.find((i: { personId: string }) => i.personId === env.seed.personA1);
    assert.deepEqual({ hours: a1.hours, shortfall: a1.shortfall }, { hours: 3.5, shortfall: 0.5 });
    assert.ok(!r.items.some((i: { personId: string }) => i.personId === env.seed.personB1));
    // The total is a direct count: the town's people holding a seat now or enrolled in a 2026 session.
    const db = env.services.db;
    const town = await db
      .selectFrom('orgs')
      .select('path')
      .where('id', '=', env.seed.townA)
      .executeTakeFirstOrThrow();
    const seated = await db
      .selectFrom('positions')
      .select('person_id')
      .where('end_date', 'is', null)
      .execute();
    const enrolled = await db
      .selectFrom('training_enrollments as e')
      .innerJoin('training_sessions as s', 's.id', 'e.session_id')
      .select('e.person_id')
      .where('s.session_date', '>=', '2026-01-01')
      .where('s.session_date', '<=', '2026-12-31')
      .execute();
    const ids = new Set([...seated, ...enrolled].map((x) => x.person_id));
    const inTown = await db
      .selectFrom('persons')
      .select('id')
      .where('org_path', 'like', `${town.path}%`)
      .execute();
    assert.equal(r.total, inTown.filter((p) => ids.has(p.id)).length);
    // A page past the end still says how many there are.
    const past = (await req('towna', 'GET', '/api/training/hours?year=2026&page=999&pageSize=50')).json();
    assert.deepEqual([past.total, past.items.length], [r.total, 0]);
    const short = (await req('towna', 'GET', '/api/training/hours?year=2026&shortfallOnly=true')).json();
    assert.equal(short.total, r.total);
    await req('city1', 'PUT', '/api/training/requirements', { year: 2026, hours: 3.5 });
    const short2 = (await req('towna', 'GET', '/api/training/hours?year=2026&shortfallOnly=true')).json();
    assert.equal(short2.total, r.total - 1);
    assert.ok(!short2.items.some((i: { personId: string }) => i.personId === env.seed.personA1));
  });

  test('the sign-in sheet import is all or nothing, with row numbers', async () => {
    const a2 = await env.services.people.getPerson(SYSTEM_CALLER, env.seed.personA2);
    const personA2Id = await env.services.db
      .selectFrom('persons')
      .select('id_number_enc')
      .where('id', '=', env.seed.personA2)
      .executeTakeFirstOrThrow();
    const clearA2 = env.services.crypto.decrypt(personA2Id.id_number_enc);
    const clearB1 = env.services.crypto.decrypt(
      (
        await env.services.db
          .selectFrom('persons')
          .select('id_number_enc')
          .where('id', '=', env.seed.personB1)
          .executeTakeFirstOrThrow()
      ).id_number_enc,
    );
    const url = `/api/training/sessions/${city.sessionId}/sign-in/import`;
    const bad = await upload(
      'towna',
      url,
      await signInSheet([
        [a2.name, clearA2],
        ['无此人', testIdNumber('1991-01-01', '1')],
        ['张伟', clearB1],
        ['李强', '12345'],
      ]),
    );
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'TRAINING_IMPORT_ROWS');
    const fields = bad
      .json()
      .error.fields.map((f: { path: string; reason: string }) => `${f.path}:${f.reason}`);
    assert.deepEqual(fields, [
      'rows.3.idNumber:TRAINING_PERSON_UNKNOWN',
      'rows.4.idNumber:TRAINING_PERSON_UNKNOWN',
      'rows.5.idNumber:ID_FORMAT',
    ]);
    const still = (await req('towna', 'GET', `/api/training/sessions/${city.sessionId}`)).json();
    assert.equal(
      still.enrollments.find((e: { personId: string }) => e.personId === env.seed.personA2).attended,
      false,
    );

    const good = await upload('towna', url, await signInSheet([[a2.name, clearA2]]));
    assert.equal(good.statusCode, 200, good.body);
    assert.deepEqual(good.json(), { signedIn: 1, rows: 1 });
    const after = (await req('towna', 'GET', `/api/training/sessions/${city.sessionId}`)).json();
    const e = after.enrollments.find((x: { personId: string }) => x.personId === env.seed.personA2);
    assert.deepEqual({ attended: e.attended, method: e.signInMethod }, { attended: true, method: 'import' });
  });

  test('the hours export is masked and audited', async () => {
    const r = await req('towna', 'GET', '/api/training/hours/export?year=2026');
    assert.equal(r.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const ids: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(2).value));
    });
    assert.ok(ids.length >= 2);
    for (const id of ids) assert.match(id, /\*{4,}/);
    const audits = await env.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'training_hours_export')
      .execute();
    assert.equal(audits.length, 1);
  });

  test('the university class: graduates of the last ten intake years, a query over the records', async () => {
    const t = env.services.training;
    const cohort = async (
      year: number,
      statuses: ('graduated' | 'studying' | 'left')[],
      placeIn = env.seed.villageA1,
    ) => {
      const id = await t.createCohort(SYSTEM_CALLER, {
        name: `${year}级定制村干班`,
        partner: '扬州大学',
        intakeYear: year,
        ownerOrgId: env.seed.cityId,
      });
      for (const [i, status] of statuses.entries()) {
        await t.addStudent(SYSTEM_CALLER, id, {
          person: {
            name: `学员${year}${i}`,
            idNumber: testIdNumber(`${year - 19}-0${(i % 9) + 1}-12`, '1'),
            ethnicity: '01',
            politicalStatus: '01',
            orgId: placeIn,
          },
          status,
          graduationDate: status === 'graduated' ? `${year + 3}-06-30` : null,
          placementOrgId: status === 'graduated' ? placeIn : null,
          placementRole: status === 'graduated' ? '村书记助理' : null,
        });
      }
      return id;
    };
    await cohort(2010, ['graduated', 'graduated']); // outside the ten years
    const c2011 = await cohort(2011, ['graduated', 'graduated', 'left']);
    await cohort(2015, ['graduated'], env.seed.townB);
    await cohort(2020, ['graduated', 'graduated', 'studying'], env.seed.villageB1);
    const c = (await req('city1', 'GET', '/api/training/class')).json();
    assert.deepEqual(
      { from: c.fromYear, to: c.toYear, trained: c.trainedTotal, inVillages: c.placedInVillagesTotal },
      { from: 2011, to: 2020, trained: 5, inVillages: 4 },
    );
    // Town A counts only its people.
    const a = (await req('towna', 'GET', '/api/training/class')).json();
    assert.equal(a.trainedTotal, 2);
    const detail = (await req('towna', 'GET', `/api/training/class/cohorts/${c2011}`)).json();
    assert.equal(detail.members.length, 3);
    assert.equal(detail.members[0].placementOrgName ?? detail.members[1].placementOrgName, 'A1村');
    const ex = await req('city1', 'GET', '/api/training/class/export');
    assert.equal(ex.statusCode, 200);
    const person = (await req('towna', 'GET', `/api/training/people/${detail.members[0].personId}`)).json();
    assert.equal(person.classRecords[0].partner, '扬州大学');
    assert.equal(
      (await req('townb', 'GET', `/api/training/people/${detail.members[0].personId}`)).statusCode,
      404,
    );
    const denied = await env.services.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access_denied')
      .where('object_id', '=', detail.members[0].personId)
      .execute();
    assert.equal(denied.length, 1, 'the out-of-scope hit is audited');
  });

  test('the yearly hours summary equals the enrollments, whatever writes them (sign-in, SQL, a moved session)', async () => {
    const db = env.services.db;
    // PostgreSQL answers counts and sums as text: compare numbers.
    const asNumbers = (r: {
      person_id: string;
      year: unknown;
      enrollments: unknown;
      attended_tenths: unknown;
    }) => ({
      person_id: r.person_id,
      year: Number(r.year),
      enrollments: Number(r.enrollments),
      attended_tenths: Number(r.attended_tenths),
    });
    const summary = async () =>
      (
        await db
          .selectFrom('training_hours_yearly')
          .select(['person_id', 'year', 'enrollments', 'attended_tenths'])
          .where('enrollments', '>', 0)
          .orderBy('person_id')
          .orderBy('year')
          .execute()
      ).map(asNumbers);
    const fromEnrollments = async () =>
      (
        await db
          .selectFrom('training_enrollments as e')
          .innerJoin('training_sessions as s', 's.id', 'e.session_id')
          .select([
            'e.person_id',
            sql<number>`cast(substr(s.session_date, 1, 4) as integer)`.as('year'),
            sql<number>`count(*)`.as('enrollments'),
            sql<number>`sum(case when e.attended = 1 then s.hours_tenths else 0 end)`.as('attended_tenths'),
          ])
          .groupBy(['e.person_id', sql`cast(substr(s.session_date, 1, 4) as integer)`])
          .orderBy('e.person_id')
          .orderBy('year')
          .execute()
      ).map(asNumbers);
    const agree = async (what: string) => assert.deepEqual(await summary(), await fromEnrollments(), what);
    await agree('after the sign-ins and imports of the tests above');
    assert.ok((await summary()).some((r) => r.attended_tenths > 0));
    // A session moved to another year and given other hours (a script: no route edits them).
    await db
      .updateTable('training_sessions')
      .set({ session_date: '2025-12-30', hours_tenths: 60 })
      .where('id', '=', city.sessionId)
      .execute();
    await agree('after the session moved to 2025 with 6 h');
    assert.equal((await trainingHours(db, [env.seed.personA1], 2025)).get(env.seed.personA1), 6);
    assert.equal((await trainingHours(db, [env.seed.personA1], 2026)).has(env.seed.personA1), false);
    // An attendance undone and an enrollment removed in SQL.
    await db
      .updateTable('training_enrollments')
      .set({ attended: 0 })
      .where('session_id', '=', city.sessionId)
      .where('person_id', '=', env.seed.personA1)
      .execute();
    await agree('after an attendance undone');
    await db
      .deleteFrom('training_enrollments')
      .where('session_id', '=', city.sessionId)
      .where('person_id', '=', env.seed.personA2)
      .execute();
    await agree('after an enrollment removed');
  });
});
