import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/database';
import type { FastifyInstance } from 'fastify';
import { compose, type Services } from '../../src/composition';
import { buildApp } from '../../src/app';
import { ensureDemo, DEMO_PASSWORD } from '../../src/demo/demo-city';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import { DB_KIND, DEMO_TEST_BUILD, freshDatabaseUrl, ORIGIN } from '../helpers/test-env';
import type { MatterEventAction } from '@xinhuo/shared';
import {
  renderAssignOrderPdf,
  renderSupervisionOrderPdf,
} from '../../src/modules/matters/documents/order-pdf';

describe('the demo year of secretaries’ meetings and matters', () => {
  let services: Services;
  let app: FastifyInstance;
  let db: Db;
  before(async () => {
    const url = await freshDatabaseUrl();
    services = await compose({
      databaseUrl: url,
      dataDir: '',
      masterKey: randomBytes(32),
      sqliteFile: ':memory:',
    });
    assert.equal(await ensureDemo(services, () => {}, DEMO_TEST_BUILD), true);
    app = await buildApp(services, { logLevel: 'silent', publicOrigin: ORIGIN, demoMode: true });
    db = services.db;
  });
  after(async () => {
    await app.close();
    await services.close();
  });

  test('the statistics compute "30+ meetings, 350+ matters closed in the loop" from the records', async () => {
    const s = await services.loop.matterStats.summary(SYSTEM_CALLER, {
      from: '2025-12-01',
      to: '2026-11-27',
    });
    assert.equal(s.orgName, '张家港市');
    assert.ok(s.meetings.held >= 30, `${s.meetings.held} meetings`);
    assert.ok(s.matters.closedSolved >= 350, `${s.matters.closedSolved} closed`);
    assert.deepEqual(s.byCategory.map((c) => c.category).sort(), [
      'beautiful_village',
      'burden_reduction',
      'cadre_exchange',
      'village_economy',
    ]);
    assert.ok(s.matters.open > 0 && s.matters.open < 60, `${s.matters.open} still open`);
    assert.ok(s.matters.onTimeRate! > 0.6 && s.matters.onTimeRate! < 0.95, 'most on time, not all');
    assert.equal(s.byChild.length, 9);
  });

  test('a 暨阳面对面 at 新凯村 of 大新镇 where 5 village secretaries spoke', async () => {
    const list = await services.loop.meetings.listMeetings(SYSTEM_CALLER, {}, { offset: 0, limit: 100 });
    const jy = list.items.filter((m) => m.seriesName === '暨阳面对面');
    assert.equal(jy.length, 4);
    const xinkai = jy.find((m) => m.venueName === '新凯村');
    assert.ok(xinkai, 'one held at 新凯村');
    const detail = await services.loop.meetings.getMeeting(SYSTEM_CALLER, xinkai.id);
    const speakers = detail.participants.filter((p) => p.spoke);
    assert.equal(speakers.length, 5);
    assert.equal(detail.isPublished, true);
    const files = await services.attachments.list(SYSTEM_CALLER, 'meeting', xinkai.id);
    assert.equal(files.items.length, 1, 'its sign-in sheet is attached');
    const sheet = await services.attachments.open(SYSTEM_CALLER, 'meeting', xinkai.id, files.items[0]!.id);
    assert.equal(sheet.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a real .xlsx');
    const photos = await db
      .selectFrom('attachments')
      .select('id')
      .where('owner_type', '=', 'matter')
      .execute();
    assert.ok(photos.length > 40, `${photos.length} site photos attached to matters`);
    const daxin = await db
      .selectFrom('orgs')
      .select('path')
      .where('name', '=', '大新镇')
      .executeTakeFirstOrThrow();
    const villages = await db
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where(
        'id',
        'in',
        speakers.map((p) => p.orgId),
      )
      .execute();
    assert.ok(
      villages.every((v: { path: string }) => v.path.startsWith(daxin.path)),
      'all five from 大新镇',
    );
    assert.ok(detail.matters.length >= 5);
    assert.ok(
      list.items.some((m) => m.hostLevel === 'town') && list.items.some((m) => m.hostLevel === 'organ'),
    );
  });

  test('the loop was lived: returns, rejections, dissatisfaction and reopening, supervision orders', async () => {
    const count = async (action: MatterEventAction) =>
      (await db.selectFrom('matter_events').select('id').where('action', '=', action).execute()).length;
    for (const a of [
      'return',
      'uphold_return',
      'overrule_return',
      'reject',
      'reopen',
      'close_no_response',
      'request_extension',
      'close_side',
      'supervise',
      'circulate',
    ] as const) {
      assert.ok((await count(a)) > 0, `some ${a}`);
    }
    const docs = await db
      .selectFrom('matter_supervisions')
      .select('doc_no')
      .where('kind', '=', 'supervise')
      .execute();
    assert.ok(docs.every((d) => /^张组督〔202[56]〕\d+号$/.test(d.doc_no ?? '')));
    assert.equal((await services.audit.verify()).ok, true);
  });

  test(
    'every 交办单 and 督办单 of the demo is one A4 page as PDF, in Chinese and in English',
    // The layout depends on the documents' text, not on the database: rendered once, on SQLite.
    { skip: DB_KIND !== 'sqlite' && 'the PDF layout does not depend on the database (run on SQLite)' },
    async () => {
      const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
      const dispatched = await db
        .selectFrom('matters')
        .select('id')
        .where('dispatch_no', 'is not', null)
        .orderBy('id')
        .execute();
      const supervisions = await db
        .selectFrom('matter_supervisions')
        .select('id')
        .where('doc_no', 'is not', null)
        .orderBy('id')
        .execute();
      assert.ok(dispatched.length > 300 && supervisions.length > 0);
      const pdfCaller = { ...SYSTEM_CALLER };
      const catalog = await services.loop.matters.catalog(pdfCaller);
      const longer: string[] = [];
      for (const { id } of dispatched) {
        const order = await services.loop.orders.assignOrder(pdfCaller, id);
        const priority = catalog.priorities.find((p) => p.code === order.matter.priority)!.nameZh;
        if (pages(await renderAssignOrderPdf(order, priority, 'zh-CN')) !== 1) longer.push(order.docNo);
      }
      for (const { id } of supervisions) {
        const order = await services.loop.orders.supervisionOrder(pdfCaller, id);
        if (pages(await renderSupervisionOrderPdf(order, '金港镇', 'zh-CN')) !== 1) longer.push(order.docNo);
      }
      assert.deepEqual(longer, [], 'documents on more than one page');
      // English: a sample, worded and dated in English, still one page.
      for (const { id } of dispatched.slice(0, 20)) {
        const order = await services.loop.orders.assignOrder(pdfCaller, id, 'en');
        const priority = catalog.priorities.find((p) => p.code === order.matter.priority)!.nameEn;
        assert.equal(pages(await renderAssignOrderPdf(order, priority, 'en')), 1, order.docNo);
      }
    },
  );

  test('the demo accounts find work: 农业农村局 has matters in hand, 金港镇 matters to assign', async () => {
    const login = async (username: string) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN },
        payload: { username, password: DEMO_PASSWORD },
      });
      return `xh_sid=${r.cookies.find((c) => c.name === 'xh_sid')!.value}`;
    };
    const get = async (cookie: string, url: string) =>
      (await app.inject({ method: 'GET', url, headers: { cookie } })).json();
    const dept = await login('demo-dept');
    const open = await get(dept, '/api/matters?state=dispatched,in_progress');
    assert.ok(open.total > 0);
    const detail = await get(dept, `/api/matters/${open.items[0].id}`);
    assert.ok(detail.availableActions.length > 0);
    const town = await login('demo-town');
    const registered = await get(town, '/api/matters?state=registered');
    assert.ok(registered.total > 0);
    assert.ok((await get(town, '/api/notifications')).items.length > 0);
  });
});
