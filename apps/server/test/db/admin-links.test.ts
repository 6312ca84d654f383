// Issue 10 items 1 and 4: the account ↔ person link, a town's committee accounts in bulk (requested, granted
// only when the security administrator approves), the audit administrator's saved searches and export.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import {
  ERRORS,
  type BulkAccounts,
  type CommitteeMembers,
  type HandoverSheet,
  type PersonCandidate,
  type UserList,
} from '@xinhuo/shared';
import { createAuditService } from '../../src/modules/audit';
import { AppError } from '../../src/platform/errors';
import { makePerson, type MadePerson } from '../helpers/factories';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

const NEW_PASSWORD = 'Fresh#Start2026q';

describe('issue 10 — account ↔ person, bulk committee accounts, audit saved searches and export', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  let wang: MadePerson;
  const idOf = async (norm: string) =>
    (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', norm)
        .executeTakeFirstOrThrow()
    ).id;
  const call = (who: string | null, o: InjectOptions) => env.request(who ? cookies[who]! : null, o);
  const get = (who: string, url: string) => call(who, { method: 'GET', url });
  const post = (who: string | null, url: string, payload?: object, headers?: Record<string, string>) =>
    call(who, { method: 'POST', url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });
  const auditRows = (action: string) =>
    env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  before(async () => {
    env = await createTestEnv({
      users: [
        ['sysadm', 'sys_admin', null],
        ['secadm', 'sec_admin', null],
        ['audadm', 'audit_admin', null],
        ['audadm2', 'audit_admin', null],
        ['towna', 'town_staff', 'townA'],
        ['newcomer', 'town_staff', 'townA'],
        ['other', 'town_staff', 'townA'],
      ],
    });
    for (const u of ['sysadm', 'secadm', 'audadm', 'audadm2', 'towna']) cookies[u] = await env.login(u);
    wang = await makePerson(env, {
      org: env.seed.villageA2,
      name: '王芳',
      birthDate: '1988-08-08',
      gender: '2',
    });
    // The committees (两委) of town A's villages and one of town B's.
    const seat = async (village: string, committee: string, seats: [string, string][]) => {
      const t = await post('towna', `/api/orgs/${village}/terms`, { committee, electionDate: '2021-01-08' });
      assert.equal(t.statusCode, 201, t.body);
      for (const [personId, role] of seats) {
        const r = await post('towna', `/api/terms/${t.json().id}/seats`, {
          personId,
          role,
          startDate: '2021-01-08',
        });
        assert.equal(r.statusCode, 200, r.body);
      }
    };
    await seat(env.seed.villageA1, 'party', [[env.seed.personA1, 'party_secretary']]);
    await seat(env.seed.villageA2, 'party', [[env.seed.personA2, 'party_secretary']]);
    await seat(env.seed.villageA2, 'villagers', [
      [env.seed.personA2, 'director'],
      [wang.id, 'committee_member'],
    ]);
    // Town B's secretary (its seat written directly: no town B staff in this scenario).
    await env.services.db
      .insertInto('positions')
      .values({
        id: '01900000-0000-7000-8000-00000000b001',
        person_id: env.seed.personB1,
        org_id: env.seed.villageB1,
        org_path: (
          await env.services.db
            .selectFrom('orgs')
            .select('path')
            .where('id', '=', env.seed.villageB1)
            .executeTakeFirstOrThrow()
        ).path,
        term_id: null,
        role: 'party_secretary',
        start_date: '2021-01-08',
        end_date: null,
        end_reason: null,
        created_at: '2021-01-08T00:00:00Z',
      })
      .execute();
  });
  after(() => env.close());

  test('the link search finds people in the account scope by name or ID number, never showing personal data', async () => {
    const newcomer = await idOf('newcomer');
    const byName = await get(
      'sysadm',
      `/api/admin/users/${newcomer}/person-candidates?q=${encodeURIComponent('王')}`,
    );
    assert.equal(byName.statusCode, 200, byName.body);
    const items = byName.json<{ items: PersonCandidate[] }>().items;
    assert.deepEqual(
      items.map((i) => [i.name, i.orgName, i.positions, i.linkedUsername]),
      [['王芳', 'A2村', ['committee_member'], null]],
    );
    // By the full ID number: found, and the number is not in the answer; nor the phone or the birth date.
    const byId = await get('sysadm', `/api/admin/users/${newcomer}/person-candidates?q=${wang.idNumber}`);
    assert.equal(byId.statusCode, 200, byId.body);
    assert.deepEqual(
      byId.json<{ items: PersonCandidate[] }>().items.map((i) => i.id),
      [wang.id],
    );
    for (const r of [byName, byId]) {
      assert.ok(!r.body.includes(wang.idNumber), 'no ID number');
      assert.ok(!r.body.includes(wang.idNumber.slice(-4)), 'not even its tail');
      assert.ok(!r.body.includes(wang.phone!), 'no phone');
      assert.ok(!r.body.includes('1988'), 'no birth date');
      assert.deepEqual(Object.keys(r.json().items[0]).sort(), [
        'id',
        'linkedUsername',
        'name',
        'orgName',
        'positions',
      ]);
    }
    // By pinyin initials, within the scope: town B's 张伟 is not found for a town A account.
    const pinyin = await get('sysadm', `/api/admin/users/${newcomer}/person-candidates?q=zw`);
    assert.deepEqual(pinyin.json().items, []);
    const han = await get(
      'sysadm',
      `/api/admin/users/${newcomer}/person-candidates?q=${encodeURIComponent('张伟')}`,
    );
    assert.deepEqual(han.json().items, []);
    // Only the system administrator: not the town staff, not the security or audit administrator.
    for (const who of ['towna', 'secadm', 'audadm'])
      assert.equal(
        (await get(who, `/api/admin/users/${newcomer}/person-candidates?q=wf`)).statusCode,
        403,
        who,
      );
    assert.equal(
      (await get('sysadm', `/api/admin/users/01900000-0000-7000-8000-0000000000ff/person-candidates?q=wf`))
        .statusCode,
      404,
    );
  });

  test('link, list and unlink an account: audited; a person has one account; out of scope is 404', async () => {
    const newcomer = await idOf('newcomer');
    const other = await idOf('other');
    const put = (userId: string, personId: string) =>
      call('sysadm', { method: 'PUT', url: `/api/admin/users/${userId}/person`, payload: { personId } });
    const outOfScope = await put(newcomer, env.seed.personB1);
    assert.equal(outOfScope.statusCode, 404);
    const ok = await put(newcomer, wang.id);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), {
      id: wang.id,
      name: '王芳',
      orgName: 'A2村',
      positions: ['committee_member'],
    });
    const list = await get('sysadm', '/api/admin/users?q=newcomer');
    const row = list.json<UserList>().items.find((u) => u.id === newcomer)!;
    assert.deepEqual(row.person, {
      id: wang.id,
      name: '王芳',
      orgName: 'A2村',
      positions: ['committee_member'],
    });
    assert.ok(!list.body.includes(wang.idNumber) && !list.body.includes(wang.phone!));
    const taken = await put(other, wang.id);
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'PERSON_LINK_TAKEN');
    const [linked] = await auditRows('user_person_link');
    assert.equal(linked!.object_id, newcomer);
    assert.equal(JSON.parse(linked!.details).personId, wang.id);
    // The security administrator does not link.
    assert.equal(
      (
        await call('secadm', {
          method: 'PUT',
          url: `/api/admin/users/${other}/person`,
          payload: { personId: wang.id },
        })
      ).statusCode,
      403,
    );
    const del = await call('sysadm', { method: 'DELETE', url: `/api/admin/users/${newcomer}/person` });
    assert.equal(del.statusCode, 204);
    assert.equal((await auditRows('user_person_unlink')).length, 1);
    const after = (await get('sysadm', '/api/admin/users?q=newcomer')).json<UserList>();
    assert.equal(after.items.find((u) => u.id === newcomer)!.person, null);
  });

  let batch: BulkAccounts;
  test("a town's committee members without an account are listed with free usernames", async () => {
    const r = await get('sysadm', `/api/admin/towns/${env.seed.townA}/committee-members`);
    assert.equal(r.statusCode, 200, r.body);
    const m = r.json<CommitteeMembers>();
    assert.equal(m.town.name, 'A镇');
    assert.deepEqual(
      m.items.map((i) => [i.name, i.orgName, [...i.positions].sort(), i.accountUsername]),
      [
        ['陆婷婷', 'A1村', ['party_secretary'], null],
        ['李强', 'A2村', ['director', 'party_secretary'], null],
        ['王芳', 'A2村', ['committee_member'], null],
      ],
    );
    assert.deepEqual(
      m.items.map((i) => i.suggestedUsername),
      ['lutingting', 'liqiang', 'wangfang'],
    );
    assert.ok(!r.body.includes(wang.idNumber) && !r.body.includes('1990-05-17'));
    assert.equal(
      (await get('sysadm', `/api/admin/towns/${env.seed.villageA1}/committee-members`)).statusCode,
      404,
    );
    assert.equal(
      (await get('towna', `/api/admin/towns/${env.seed.townA}/committee-members`)).statusCode,
      403,
    );
  });

  test('bulk creation is all or nothing: a taken username or a member with an account creates nothing', async () => {
    const users = async () => (await env.services.db.selectFrom('users').select('id').execute()).length;
    const before = await users();
    const taken = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, {
      items: [
        { personId: env.seed.personA1, username: 'lutingting' },
        { personId: env.seed.personA2, username: 'towna' },
      ],
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'USERNAME_TAKEN');
    assert.equal(taken.json().error.fields[0].path, 'items.1.username');
    const outside = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, {
      items: [
        { personId: env.seed.personA1, username: 'lutingting' },
        { personId: env.seed.personB1, username: 'zhangwei' },
      ],
    });
    assert.equal(outside.statusCode, 409);
    assert.equal(outside.json().error.code, 'BULK_MEMBER_INVALID');
    // The role follows the seat: the client no longer chooses one.
    const chosenRole = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, {
      role: 'village_secretary',
      items: [{ personId: env.seed.personA1, username: 'lutingting' }],
    });
    assert.equal(chosenRole.statusCode, 400);
    assert.equal(await users(), before, 'nothing created');
    assert.equal((await auditRows('user_bulk_create')).length, 0);
  });

  test("each member's row shows the role its account would request, by seat", async () => {
    const m = (
      await get('sysadm', `/api/admin/towns/${env.seed.townA}/committee-members`)
    ).json<CommitteeMembers>();
    assert.deepEqual(
      m.items.map((i) => [i.name, i.orgName, [...i.positions].sort(), i.role]),
      [
        ['陆婷婷', 'A1村', ['party_secretary'], 'village_secretary'],
        ['李强', 'A2村', ['director', 'party_secretary'], 'village_secretary'],
        ['王芳', 'A2村', ['committee_member'], 'trainee'],
      ],
    );
  });

  test('bulk creation requests roles and grants nothing until the security administrator approves the batch', async () => {
    const body = {
      items: [
        { personId: env.seed.personA1, username: 'lutingting' },
        { personId: env.seed.personA2, username: 'liqiang' },
        { personId: wang.id, username: 'wangfang' },
      ],
    };
    const key = { 'idempotency-key': 'bulk-town-a-0001' };
    const r = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, body, key);
    assert.equal(r.statusCode, 201, r.body);
    batch = r.json<BulkAccounts>();
    assert.equal(batch.items.length, 3);
    assert.deepEqual(
      batch.items.map((i) => [i.username, i.role]),
      [
        ['lutingting', 'village_secretary'],
        ['liqiang', 'village_secretary'],
        ['wangfang', 'trainee'],
      ],
    );
    // A retry with the same key answers the same and creates nothing more.
    const again = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, body, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), batch);
    const created = await env.services.db
      .selectFrom('users')
      .select(['id', 'username', 'person_id', 'password_hash'])
      .where(
        'id',
        'in',
        batch.items.map((i) => i.userId),
      )
      .execute();
    assert.equal(created.length, 3);
    assert.deepEqual(
      created.map((u) => u.person_id).sort(),
      [env.seed.personA1, env.seed.personA2, wang.id].sort(),
    );
    // Nothing granted: no role, no scope, no password; every request pending, one batch.
    const ids = batch.items.map((i) => i.userId);
    assert.equal(
      (await env.services.db.selectFrom('user_roles').selectAll().where('user_id', 'in', ids).execute())
        .length,
      0,
    );
    assert.equal(
      (await env.services.db.selectFrom('user_scopes').selectAll().where('user_id', 'in', ids).execute())
        .length,
      0,
    );
    const login = await post(null, '/api/auth/login', { username: 'lutingting', password: NEW_PASSWORD });
    assert.equal(login.statusCode, 401);
    const grants = await env.services.db
      .selectFrom('account_grants')
      .selectAll()
      .where('batch_id', '=', batch.batchId)
      .execute();
    assert.equal(grants.length, 3);
    assert.ok(grants.every((g) => g.status === 'pending' && g.approver_permission === 'security:manage'));
    const bulkAudit = await auditRows('user_bulk_create');
    assert.equal(bulkAudit.length, 1);
    assert.deepEqual(JSON.parse(bulkAudit[0]!.details!).roles, { village_secretary: 2, trainee: 1 });
    // Each request asks for the role of the member's seat: the secretaries scoped to their village, the
    // committee member as a trainee without scope.
    const asked = new Map(
      grants.map((g) => [g.username, { roles: JSON.parse(g.roles), orgIds: JSON.parse(g.org_ids) }]),
    );
    assert.deepEqual(asked.get('lutingting'), { roles: ['village_secretary'], orgIds: [env.seed.villageA1] });
    assert.deepEqual(asked.get('liqiang'), { roles: ['village_secretary'], orgIds: [env.seed.villageA2] });
    assert.deepEqual(asked.get('wangfang'), { roles: ['trainee'], orgIds: [] });
    // The members now have accounts; asking again for one of them is refused.
    const m = (
      await get('sysadm', `/api/admin/towns/${env.seed.townA}/committee-members`)
    ).json<CommitteeMembers>();
    assert.deepEqual(
      m.items.map((i) => i.accountUsername),
      ['lutingting', 'liqiang', 'wangfang'],
    );
    const dup = await post('sysadm', `/api/admin/towns/${env.seed.townA}/committee-accounts`, {
      items: [{ personId: wang.id, username: 'wangfang2' }],
    });
    assert.equal(dup.json().error.code, 'BULK_MEMBER_INVALID');
    // The system administrator cannot approve its own batch.
    assert.equal((await post('sysadm', `/api/admin/grant-batches/${batch.batchId}/approve`)).statusCode, 403);
  });

  test('the security administrator approves the batch and gets the hand-over sheet; codes activate the accounts', async () => {
    const r = await post('secadm', `/api/admin/grant-batches/${batch.batchId}/approve`);
    assert.equal(r.statusCode, 200, r.body);
    const sheet = r.json<HandoverSheet>();
    assert.deepEqual(sheet.items.map((i) => [i.username, i.displayName, i.orgName]).sort(), [
      ['liqiang', '李强', 'A2村'],
      ['lutingting', '陆婷婷', 'A1村'],
      ['wangfang', '王芳', 'A2村'],
    ]);
    const roles = await env.services.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['users.username', 'user_roles.role'])
      .where(
        'user_id',
        'in',
        batch.items.map((i) => i.userId),
      )
      .orderBy('users.username')
      .execute();
    assert.deepEqual(
      roles.map((x) => [x.username, x.role]),
      [
        ['liqiang', 'village_secretary'],
        ['lutingting', 'village_secretary'],
        ['wangfang', 'trainee'],
      ],
    );
    const scopes = await env.services.db
      .selectFrom('user_scopes')
      .innerJoin('users', 'users.id', 'user_scopes.user_id')
      .select(['users.username', 'user_scopes.org_id'])
      .where(
        'user_id',
        'in',
        batch.items.map((i) => i.userId),
      )
      .orderBy('users.username')
      .execute();
    assert.deepEqual(
      scopes.map((x) => [x.username, x.org_id]),
      [
        ['liqiang', env.seed.villageA2],
        ['lutingting', env.seed.villageA1],
      ],
    );
    const code = sheet.items.find((i) => i.username === 'lutingting')!.activationCode;
    const act = await post(null, '/api/auth/activate', {
      username: 'lutingting',
      code,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(act.statusCode, 204, act.body);
    const cookie = await env.login('lutingting', NEW_PASSWORD);
    const me = await env.request(cookie, { method: 'GET', url: '/api/auth/me' });
    assert.deepEqual(me.json().roles, ['village_secretary']);
    assert.equal((await auditRows('grant_batch_approve')).length, 1);
    const twice = await post('secadm', `/api/admin/grant-batches/${batch.batchId}/approve`);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'BATCH_NOTHING_PENDING');
  });

  let savedId: string;
  test("saved searches are the auditor's own", async () => {
    const body = { name: '账号关联', filters: { action: 'user_person_link', outcome: 'success' } };
    const r = await post('audadm', '/api/audit/searches', body);
    assert.equal(r.statusCode, 201, r.body);
    savedId = r.json().id;
    assert.deepEqual(r.json().filters, body.filters);
    assert.equal(
      (await post('audadm', '/api/audit/searches', body)).json().error.code,
      'SAVED_SEARCH_NAME_TAKEN',
    );
    const mine = await get('audadm', '/api/audit/searches');
    assert.deepEqual(
      mine.json().items.map((s: { name: string }) => s.name),
      ['账号关联'],
    );
    assert.deepEqual((await get('audadm2', '/api/audit/searches')).json().items, []);
    const foreign = await call('audadm2', { method: 'DELETE', url: `/api/audit/searches/${savedId}` });
    assert.equal(foreign.statusCode, 404);
    assert.equal((await get('sysadm', '/api/audit/searches')).statusCode, 403);
    assert.equal((await auditRows('audit_search_save')).length, 1);
    const del = await call('audadm', { method: 'DELETE', url: `/api/audit/searches/${savedId}` });
    assert.equal(del.statusCode, 204);
    assert.deepEqual((await get('audadm', '/api/audit/searches')).json().items, []);
  });

  test('the export holds exactly the filtered rows, is audited, and refuses more than the cap (413)', async () => {
    const search = await get('audadm', '/api/audit?action=user_create&pageSize=10');
    const total = search.json().total as number;
    assert.ok(total >= 10, `${total} accounts created`);
    const r = await call('audadm', { method: 'GET', url: '/api/audit/export?action=user_create' });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount - 1, total);
    assert.equal(ws.getRow(1).getCell(6).value, '操作');
    const actions = new Set<unknown>();
    ws.eachRow((row, n) => n > 1 && actions.add(row.getCell(6).value));
    assert.deepEqual([...actions], ['user_create']);
    const [exported] = await auditRows('audit_export');
    assert.equal(JSON.parse(exported!.details).rows, total);
    assert.equal(exported!.outcome, 'success');
    // Over the cap: 413 with the catalogue's message, nothing built, the refusal audited.
    const small = createAuditService({ db: env.services.db, audit: env.services.audit, clock: env.clock });
    await assert.rejects(
      small.exportTrail(
        { ...(await env.services.auth.actAs('audadm', 'req-cap')).actor },
        { action: 'user_create' },
        'en',
        total - 1,
      ),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'AUDIT_EXPORT_TOO_MANY' &&
        ERRORS.AUDIT_EXPORT_TOO_MANY.status === 413,
    );
    const refused = (await auditRows('audit_export')).filter((x) => x.outcome === 'denied');
    assert.equal(refused.length, 1);
    assert.equal((await get('sysadm', '/api/audit/export')).statusCode, 403);
  });
});
