// Issue 10 item 9, routes that had no test of their own: the working-day overrides, and the security
// administrator's unlock and session routes (the lockout and sessions they act on are real).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../helpers/test-env';

describe('issue 10 item 9 — calendar overrides, unlock and sessions', () => {
  let env: TestEnv;
  const cookies: Record<string, string> = {};
  const call = (cookie: string | null, o: InjectOptions) => env.request(cookie, o);
  const as = (who: string) => cookies[who]!;
  const auditRows = (action: string) =>
    env.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const userId = async (norm: string) =>
    (
      await env.services.db
        .selectFrom('users')
        .select('id')
        .where('username_norm', '=', norm)
        .executeTakeFirstOrThrow()
    ).id;
  const loginStatus = async (username: string, password: string) =>
    (await call(null, { method: 'POST', url: '/api/auth/login', payload: { username, password } }))
      .statusCode;

  before(async () => {
    env = await createTestEnv({
      users: [
        ['city1', 'city_admin', 'cityId'],
        ['towna', 'town_staff', 'townA'],
        ['sysadm', 'sys_admin', null],
        ['secadm', 'sec_admin', null],
        ['victim', 'town_staff', 'townB'],
      ],
    });
    for (const u of ['city1', 'towna', 'sysadm', 'secadm']) cookies[u] = await env.login(u);
  });
  after(() => env.close());

  test('a working-day override moves deadline arithmetic, is listed and shown, audited, and removed', async () => {
    // 2026-03-04 is an ordinary Wednesday: one working day after Tuesday 03-03.
    const add = async () =>
      (
        await call(as('towna'), { method: 'GET', url: '/api/calendar/add-workdays?date=2026-03-03&n=1' })
      ).json().date;
    assert.equal(await add(), '2026-03-04');
    const put = await call(as('city1'), {
      method: 'PUT',
      url: '/api/calendar/overrides/2026-03-04',
      payload: { isWorkday: false, note: '防汛停工' },
    });
    assert.equal(put.statusCode, 204, put.body);
    assert.equal(await add(), '2026-03-05');
    const list = await call(as('towna'), {
      method: 'GET',
      url: '/api/calendar/overrides?from=2026-03-01&to=2026-03-31',
    });
    assert.deepEqual(
      list
        .json()
        .items.map((o: { date: string; isWorkday: boolean; note: string }) => [o.date, o.isWorkday, o.note]),
      [['2026-03-04', false, '防汛停工']],
    );
    const days = await call(as('towna'), {
      method: 'GET',
      url: '/api/calendar/days?from=2026-03-03&to=2026-03-05',
    });
    assert.deepEqual(
      days.json().days.map((d: { kind: string; isWorkday: boolean }) => [d.kind, d.isWorkday]),
      [
        ['workday', true],
        ['override', false],
        ['workday', true],
      ],
    );
    // Overwriting: a Saturday made a working day.
    const sat = await call(as('city1'), {
      method: 'PUT',
      url: '/api/calendar/overrides/2026-03-07',
      payload: { isWorkday: true, note: '调休上班' },
    });
    assert.equal(sat.statusCode, 204);
    assert.equal(
      (
        await call(as('towna'), { method: 'GET', url: '/api/calendar/add-workdays?date=2026-03-06&n=1' })
      ).json().date,
      '2026-03-07',
    );
    // Only calendar:manage changes it; bad input is named.
    const townTry = await call(as('towna'), {
      method: 'PUT',
      url: '/api/calendar/overrides/2026-03-09',
      payload: { isWorkday: false, note: '镇里想休' },
    });
    assert.equal(townTry.statusCode, 403);
    const bad = await call(as('city1'), {
      method: 'PUT',
      url: '/api/calendar/overrides/2026-02-30',
      payload: { isWorkday: false, note: '不存在' },
    });
    assert.equal(bad.statusCode, 400);
    const noNote = await call(as('city1'), {
      method: 'PUT',
      url: '/api/calendar/overrides/2026-03-09',
      payload: { isWorkday: false, note: '' },
    });
    assert.equal(noNote.statusCode, 400);
    assert.equal((await auditRows('calendar_override_set')).length, 2);
    // Removed: the arithmetic is the official calendar's again; removing twice is 404.
    const del = await call(as('city1'), { method: 'DELETE', url: '/api/calendar/overrides/2026-03-04' });
    assert.equal(del.statusCode, 204);
    assert.equal(await add(), '2026-03-04');
    assert.equal(
      (await call(as('city1'), { method: 'DELETE', url: '/api/calendar/overrides/2026-03-04' })).statusCode,
      404,
    );
    assert.equal(
      (await call(as('towna'), { method: 'DELETE', url: '/api/calendar/overrides/2026-03-07' })).statusCode,
      403,
    );
    const [removed] = await auditRows('calendar_override_remove');
    assert.ok(removed, 'the removal is audited');
  });

  test('a locked account is unlocked by the security administrator only, audited, and signs in again', async () => {
    const victim = await userId('victim');
    let attempts = 0;
    for (; attempts < 10; attempts++) {
      await loginStatus('victim', 'Wrong#Password99');
      const u = await env.services.db
        .selectFrom('users')
        .select('locked_until')
        .where('id', '=', victim)
        .executeTakeFirstOrThrow();
      if (u.locked_until) break;
    }
    assert.equal(attempts + 1, 5, 'locked at the default threshold of 5');
    assert.equal(await loginStatus('victim', TEST_PASSWORD), 401, 'locked: the right password is refused');
    const list = await call(as('secadm'), { method: 'GET', url: '/api/admin/users?state=locked' });
    assert.deepEqual(
      list.json().items.map((u: { username: string }) => u.username),
      ['victim'],
    );
    // Not the system administrator, not a business account.
    for (const who of ['sysadm', 'city1'])
      assert.equal(
        (await call(as(who), { method: 'POST', url: `/api/admin/users/${victim}/unlock` })).statusCode,
        403,
      );
    const missing = await call(as('secadm'), {
      method: 'POST',
      url: '/api/admin/users/01900000-0000-7000-8000-0000000000ff/unlock',
    });
    assert.equal(missing.statusCode, 404);
    const ok = await call(as('secadm'), { method: 'POST', url: `/api/admin/users/${victim}/unlock` });
    assert.equal(ok.statusCode, 204, ok.body);
    const [row] = await auditRows('account_unlock');
    assert.equal(row!.object_id, victim);
    assert.equal(row!.actor_name, 'secadm');
    assert.equal(await loginStatus('victim', TEST_PASSWORD), 200);
  });

  test("ending an account's sessions signs it out everywhere; one session ends alone", async () => {
    const victim = await userId('victim');
    const first = await env.login('victim');
    const second = await env.login('victim');
    const third = await env.login('victim');
    const me = async (c: string) => (await call(c, { method: 'GET', url: '/api/auth/me' })).statusCode;
    assert.equal(await me(first), 200);
    const sessions = await call(as('secadm'), { method: 'GET', url: `/api/admin/sessions?userId=${victim}` });
    assert.equal(sessions.json().total, 3);
    // One session: ended by its id; the others keep working.
    const one = sessions.json().items[0].id as string;
    const end = await call(as('secadm'), { method: 'POST', url: `/api/admin/sessions/${one}/end` });
    assert.equal(end.statusCode, 204);
    const left = [await me(first), await me(second), await me(third)];
    assert.deepEqual(left.sort(), [200, 200, 401]);
    assert.equal(
      (await call(as('secadm'), { method: 'POST', url: `/api/admin/sessions/${one}/end` })).statusCode,
      404,
      'an ended session is not found again',
    );
    // Every session of the account.
    assert.equal(
      (await call(as('sysadm'), { method: 'POST', url: `/api/admin/users/${victim}/kill-sessions` }))
        .statusCode,
      403,
    );
    const kill = await call(as('secadm'), {
      method: 'POST',
      url: `/api/admin/users/${victim}/kill-sessions`,
    });
    assert.equal(kill.statusCode, 204);
    assert.deepEqual([await me(first), await me(second), await me(third)], [401, 401, 401]);
    assert.equal(
      (await call(as('secadm'), { method: 'GET', url: `/api/admin/sessions?userId=${victim}` })).json().total,
      0,
    );
    const kills = (await auditRows('session_kill')).filter((r) => r.object_id === victim);
    assert.equal(kills.length, 2);
    assert.equal(
      (
        await call(as('secadm'), {
          method: 'POST',
          url: '/api/admin/users/01900000-0000-7000-8000-0000000000ff/kill-sessions',
        })
      ).statusCode,
      404,
    );
  });
});
