import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PLATFORM_SETTINGS, type PlatformSettings } from '@xinhuo/shared';
import { createTestEnv, type TestEnv } from '../helpers/test-env';

async function auditRows(env: TestEnv, action: string) {
  return env.services.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

describe('platform settings (系统设置): the system administrator only, versioned, audited, public subsets', () => {
  let env: TestEnv;
  const c: Record<string, string> = {};
  before(async () => {
    env = await createTestEnv();
    for (const u of ['sysadm', 'secadm', 'audadm', 'city1', 'towna', 'leader1']) c[u] = await env.login(u);
  });
  after(() => env.close());

  const get = (who: string, url = '/api/settings') => env.request(c[who]!, { method: 'GET', url });
  const put = (who: string, settings: PlatformSettings, version: number) =>
    env.request(c[who]!, { method: 'PUT', url: '/api/settings', payload: { settings, version } });

  test('before any save: the built-in defaults at version 0', async () => {
    const r = await get('sysadm');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      settings: DEFAULT_PLATFORM_SETTINGS,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  test('permission matrix: the security and audit administrators and the city answer 403, the denial audited', async () => {
    const body = { settings: DEFAULT_PLATFORM_SETTINGS, version: 0 };
    for (const who of ['secadm', 'audadm', 'city1', 'towna']) {
      assert.equal((await get(who)).statusCode, 403, `${who} GET`);
      const w = await env.request(c[who]!, { method: 'PUT', url: '/api/settings', payload: body });
      assert.equal(w.statusCode, 403, `${who} PUT`);
    }
    assert.equal((await env.request(null, { method: 'GET', url: '/api/settings' })).statusCode, 401);
    assert.equal((await env.request(null, { method: 'GET', url: '/api/settings/public' })).statusCode, 401);
    const denied = await auditRows(env, 'access_denied');
    assert.ok(denied.some((d) => d.actor_name === 'secadm' && d.object_id === 'PUT /api/settings'));
    assert.equal(
      (await env.services.db.selectFrom('platform_settings').selectAll().execute()).length,
      0,
      'nothing written by a refused save',
    );
  });

  test('a save writes the changed keys only, audited with before/after in the same transaction', async () => {
    const before = await auditRows(env, 'platform_settings_change');
    const next: PlatformSettings = {
      ...DEFAULT_PLATFORM_SETTINGS,
      platformName: { zh: '薪火相传', en: 'Xinhuo Relay' },
      wallPanelSeconds: 30,
      supportContact: '组织科 0512-12345678',
    };
    const r = await put('sysadm', next, 0);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().version, 1);
    assert.equal(r.json().updatedBy, 'sysadm');
    assert.deepEqual(r.json().settings, next);
    const rows = await env.services.db.selectFrom('platform_settings').selectAll().orderBy('key').execute();
    assert.deepEqual(
      rows.map((x) => [x.key, Number(x.version)]),
      [
        ['platformName', 1],
        ['supportContact', 1],
        ['wallPanelSeconds', 1],
      ],
    );
    assert.deepEqual(JSON.parse(rows[0]!.value), { zh: '薪火相传', en: 'Xinhuo Relay' });
    const audits = await auditRows(env, 'platform_settings_change');
    assert.equal(audits.length, before.length + 1);
    const a = audits.at(-1)!;
    assert.equal(a.actor_name, 'sysadm');
    const details = JSON.parse(a.details!);
    assert.equal(details.version, 1);
    assert.deepEqual(details.old, {
      platformName: { zh: '薪火', en: 'Xinhuo' },
      wallPanelSeconds: 20,
      supportContact: '',
    });
    assert.deepEqual(details.new, {
      platformName: { zh: '薪火相传', en: 'Xinhuo Relay' },
      wallPanelSeconds: 30,
      supportContact: '组织科 0512-12345678',
    });
    // The same settings again change nothing and write no audit row.
    const same = await put('sysadm', next, 1);
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().version, 1);
    assert.equal((await auditRows(env, 'platform_settings_change')).length, before.length + 1);
  });

  test('a stale version answers 409 SETTINGS_STALE with its message, and nothing is written', async () => {
    const cur = (await get('sysadm')).json();
    const first = await put('sysadm', { ...cur.settings, defaultPageSize: 50 }, cur.version);
    assert.equal(first.statusCode, 200, first.body);
    const audits = (await auditRows(env, 'platform_settings_change')).length;
    // A second administrator's tab opened before the first save.
    const stale = await put('sysadm', { ...cur.settings, digestHour: 6 }, cur.version);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'SETTINGS_STALE');
    assert.match(stale.json().error.message, /其他管理员修改/);
    const en = await env.request(c.sysadm!, {
      method: 'PUT',
      url: '/api/settings',
      headers: { 'accept-language': 'en' },
      payload: { settings: { ...cur.settings, digestHour: 6 }, version: cur.version },
    });
    assert.equal(en.statusCode, 409);
    assert.match(en.json().error.message, /Another administrator changed the platform settings/);
    const now = (await get('sysadm')).json();
    assert.equal(now.settings.digestHour, DEFAULT_PLATFORM_SETTINGS.digestHour);
    assert.equal(now.settings.defaultPageSize, 50);
    assert.equal((await auditRows(env, 'platform_settings_change')).length, audits);
  });

  test('every value is validated by its schema: an invalid one is named and nothing is saved', async () => {
    const cur = (await get('sysadm')).json();
    const bad: [string, unknown][] = [
      ['defaultPageSize', 33],
      ['defaultLanguage', 'fr'],
      ['wallPanelSeconds', 1],
      ['wallRefreshSeconds', 100_000],
      ['digestHour', 24],
      ['platformName', { zh: '', en: 'X' }],
      ['supportContact', 'x'.repeat(121)],
    ];
    for (const [key, value] of bad) {
      const r = await env.request(c.sysadm!, {
        method: 'PUT',
        url: '/api/settings',
        payload: { settings: { ...cur.settings, [key]: value }, version: cur.version },
      });
      assert.equal(r.statusCode, 400, `${key} ${JSON.stringify(value)}`);
      assert.ok(
        r.json().error.fields.some((f: { path: string }) => f.path.startsWith(`settings.${key}`)),
        `${key}: ${r.body}`,
      );
    }
    const extra = await env.request(c.sysadm!, {
      method: 'PUT',
      url: '/api/settings',
      payload: { settings: { ...cur.settings, sessionIdleMinutes: 5 }, version: cur.version },
    });
    assert.equal(extra.statusCode, 400, 'a security setting is not a platform setting');
    assert.equal((await get('sysadm')).json().version, cur.version);
  });

  test('the public subsets: signed-in users get the presentation keys, the login page the names and the support line', async () => {
    const full = (await get('sysadm')).json().settings as PlatformSettings;
    for (const who of ['city1', 'towna', 'leader1', 'secadm', 'audadm', 'sysadm']) {
      const r = await get(who, '/api/settings/public');
      assert.equal(r.statusCode, 200, who);
      assert.deepEqual(Object.keys(r.json()).sort(), [
        'defaultLanguage',
        'defaultPageSize',
        'orgDepartmentName',
        'platformName',
        'supportContact',
        'wallPanelSeconds',
        'wallRefreshSeconds',
      ]);
      assert.equal(r.json().digestHour, undefined, 'the digest hour is not public');
      assert.equal(r.json().updatedBy, undefined);
      assert.deepEqual(r.json().platformName, full.platformName);
    }
    const login = await env.request(null, { method: 'GET', url: '/api/settings/login' });
    assert.equal(login.statusCode, 200);
    assert.deepEqual(login.json(), {
      platformName: full.platformName,
      orgDepartmentName: full.orgDepartmentName,
      supportContact: full.supportContact,
    });
  });

  test("the wall screen's timing comes from the settings", async () => {
    const cur = (await get('sysadm')).json();
    const saved = await put(
      'sysadm',
      { ...cur.settings, wallPanelSeconds: 45, wallRefreshSeconds: 120 },
      cur.version,
    );
    assert.equal(saved.statusCode, 200, saved.body);
    const wall = await get('leader1', '/api/wall');
    assert.equal(wall.statusCode, 200, wall.body);
    assert.equal(wall.json().panelSeconds, 45);
    assert.equal(wall.json().refreshSeconds, 120);
  });
});
