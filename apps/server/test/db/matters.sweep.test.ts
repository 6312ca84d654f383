import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { compose, type Services } from '../../src/composition';
import { createMovableClock, type MovableClock } from '../../src/platform/clock';
import { SYSTEM_CALLER } from '../../src/platform/caller';
import type { SweepReport } from '../../src/modules/matters';
import { DB_KIND, freshDatabaseUrl } from '../helpers/test-env';
import { makeOrg } from '../helpers/factories';
import type { SupervisionKind } from '@xinhuo/shared';

/** A database two instances can share: a temp SQLite FILE (not :memory:), or a wiped PostgreSQL schema. */
async function sharedDatabase(): Promise<{ databaseUrl?: string; sqliteFile?: string; cleanup(): void }> {
  if (DB_KIND === 'postgres') {
    return { databaseUrl: await freshDatabaseUrl(), cleanup: () => undefined };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-sweep-'));
  return {
    sqliteFile: path.join(dir, 'shared.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What the worker answers (sweep-worker.ts): its sweep's report, or why it failed. */
type WorkerOutcome = { report: SweepReport; error?: undefined } | { error: string; report?: undefined };

function startWorker(
  data: Record<string, unknown>,
): Promise<{ worker: Worker; result: Promise<WorkerOutcome> }> {
  const worker = new Worker(new URL('../helpers/sweep-worker.mjs', import.meta.url), { workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => {
      const result = new Promise<WorkerOutcome>((res, rej) => {
        worker.once('message', res);
        worker.once('error', rej);
      });
      resolve({ worker, result });
    });
  });
}

describe('the sweep records what is due exactly once, however many instances sweep', () => {
  let services: Services;
  let clock: MovableClock;
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  const masterKey = randomBytes(32);
  const matterIds: string[] = [];
  let feedbackIds: string[] = [];

  before(async () => {
    shared = await sharedDatabase();
    // Dispatched on Thursday 2026-02-12, just before the Spring Festival.
    clock = createMovableClock('2026-02-12T02:00:00Z');
    services = await compose({ ...shared, dataDir: '', masterKey }, { clock });
    const c = SYSTEM_CALLER;
    const city = await makeOrg({ services }, { name: '测试市' });
    const town = await makeOrg({ services }, { parent: city, kind: 'town', name: 'A镇' });
    const village = await makeOrg({ services }, { parent: town, name: 'A1村' });
    const dept = await makeOrg({ services }, { parent: city, kind: 'department', name: '农业农村局' });
    const { matters, workflow } = services.loop;
    const raise = (n: number) =>
      matters.raiseMatters(
        c,
        Array.from({ length: n }, (_, i) => ({
          title: `事项${i}`,
          description: '说明',
          categoryCode: 'village_economy',
          villageId: village.id,
          raiserName: '王书记',
        })),
      );
    for (const id of await raise(24)) {
      const i = matterIds.length;
      // Half urgent (due Tuesday 02-24 across the holiday), half normal (due Wednesday 03-04); co-units on a third.
      const r = await workflow.act(c, id, {
        action: 'dispatch',
        version: 1,
        leadUnitId: dept.id,
        priorityCode: i % 2 ? 'urgent' : 'normal',
        coUnits: i % 3 === 0 ? [{ unitId: town.id }] : [],
      });
      if (i % 4 === 0) await workflow.act(c, id, { action: 'sign', version: r.version });
      matterIds.push(id);
    }
    // Six more through the loop to awaiting feedback, whose feedback nobody gives.
    feedbackIds = await raise(6);
    for (const id of feedbackIds) {
      let v = (await workflow.act(c, id, { action: 'dispatch', version: 1, leadUnitId: dept.id })).version;
      v = (await workflow.act(c, id, { action: 'sign', version: v })).version;
      v = (
        await workflow.act(c, id, { action: 'submit', version: v, resolution: '已办', signOffName: '局长' })
      ).version;
      await workflow.act(c, id, { action: 'accept', version: v });
    }
  });
  after(async () => {
    await services.close();
    shared.cleanup();
  });

  test('before the holiday: due-soon reminders; on the 调休 Saturday: sign-for overdue and the first 催办', async () => {
    // Friday 02-13: two working days remain before Tuesday 02-24 (Saturday 02-14 works, then nine days off).
    clock.set('2026-02-13T01:00:00Z');
    const friday = await services.loop.sweep.sweepDue(clock.now());
    assert.deepEqual(
      friday.created,
      { due_soon: 16, sign_overdue: 0, urge: 0, supervise: 0, circulate: 0 },
      'the 12 urgent leads and their 4 co-units (sub-deadline today)',
    );
    clock.set('2026-02-14T01:00:00Z');
    const saturday = await services.loop.sweep.sweepDue(clock.now());
    assert.deepEqual(
      saturday.created,
      { due_soon: 0, sign_overdue: 18 + 8, urge: 4, supervise: 0, circulate: 0 },
      'unsigned leads and co-units; the co-units due Friday are one working day late',
    );
    // Over the holiday nothing new: no working day passes.
    clock.set('2026-02-23T01:00:00Z');
    const holiday = await services.loop.sweep.sweepDue(clock.now());
    assert.deepEqual(holiday.created, { due_soon: 0, sign_overdue: 0, urge: 0, supervise: 0, circulate: 0 });
  });

  test('two instances sweeping at once create each reminder and supervision order once', async () => {
    // Friday 2026-03-13: urgent matters (due 02-24) are 13 working days late, normal ones (03-04) 7.
    const nowIso = '2026-03-13T01:00:00Z';
    clock.set(nowIso);
    const db = services.db;
    const before = (await db.selectFrom('matter_supervisions').select('id').execute()).length;
    const { worker, result } = await startWorker({
      databaseUrl: shared.databaseUrl,
      sqliteFile: shared.sqliteFile,
      masterKeyHex: masterKey.toString('hex'),
      nowIso,
    });
    worker.postMessage('go');
    const [mine, outcome] = await Promise.all([services.loop.sweep.sweepDue(clock.now()), result]);
    assert.ok(outcome.report, outcome.error);
    const theirs = outcome.report;
    await worker.terminate();

    const rows = await db
      .selectFrom('matter_supervisions')
      .select(['assignment_id', 'kind', 'due_date', 'doc_no'])
      .execute();
    const keys = rows.map((r) => `${r.assignment_id}|${r.kind}|${r.due_date}`);
    assert.equal(new Set(keys).size, keys.length, 'no duplicate (assignment, kind, deadline)');
    const count = (k: string) => rows.filter((r) => r.kind === k).length;
    // 24 leads + 8 co-units are overdue by ≥ 5 working days: each gets one 催办, one 督办单, one 通报.
    assert.equal(count('urge'), 32);
    assert.equal(count('supervise'), 32);
    assert.equal(count('circulate'), 32);
    const sum = (r: { created: Record<string, number> }) =>
      Object.values(r.created).reduce((a, b) => a + b, 0);
    assert.equal(sum(mine) + sum(theirs), rows.length - before, 'the two reports add up to the new rows');
    assert.ok(sum(mine) > 0 || sum(theirs) > 0);
    const docs = rows
      .filter((r) => r.kind === 'supervise')
      .map((r) => r.doc_no ?? '')
      .sort();
    assert.equal(new Set(docs).size, 32, 'every 督办单 has its own number');
    const seqs = docs.map((d) => Number(/〔2026〕(\d+)号/.exec(d)![1])).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 32 }, (_, i) => i + 1),
      'numbered without gaps',
    );
    assert.equal(mine.closedNoResponse + theirs.closedNoResponse, 6, 'unanswered feedback closed once');
    const closed = await db
      .selectFrom('matter_events')
      .select('matter_id')
      .where('action', '=', 'close_no_response')
      .execute();
    assert.equal(closed.length, 6);
    const m = await db
      .selectFrom('matters')
      .select(['state', 'satisfaction', 'escalation_level'])
      .where('id', 'in', feedbackIds)
      .execute();
    assert.ok(m.every((r) => r.state === 'closed' && r.satisfaction === 'no_response'));
    const levels = await db
      .selectFrom('matters')
      .select('escalation_level')
      .where('id', 'in', matterIds)
      .execute();
    assert.ok(levels.every((r) => Number(r.escalation_level) === 3));
    const events = await db
      .selectFrom('matter_events')
      .select('id')
      .where('action', 'in', ['urge', 'supervise', 'circulate'])
      .execute();
    assert.equal(events.length, 96, 'one timeline entry per record');
    assert.equal(
      (await services.audit.verify()).ok,
      true,
      'the audit chain stays intact under concurrent writers',
    );
  });

  test('sweeping again creates nothing (idempotent)', async () => {
    const again = await services.loop.sweep.sweepDue(clock.now());
    assert.deepEqual(again.created, { due_soon: 0, sign_overdue: 0, urge: 0, supervise: 0, circulate: 0 });
    assert.equal(again.closedNoResponse, 0);
    // Every step recorded against a part's current deadline is marked on the part, so the next sweep
    // skips it in the index instead of probing its records.
    const BIT: Partial<Record<SupervisionKind, number>> = {
      due_soon: 1,
      urge: 2,
      supervise: 4,
      circulate: 8,
    };
    const rows = await services.db
      .selectFrom('matter_supervisions as s')
      .innerJoin('matter_assignments as a', 'a.id', 's.assignment_id')
      .select(['s.kind', 'a.ladder_mask'])
      .whereRef('s.due_date', '=', 'a.due_date')
      .where('s.kind', 'in', Object.keys(BIT) as SupervisionKind[])
      .execute();
    assert.ok(rows.length > 20, `${rows.length} deadline steps recorded`);
    for (const r of rows)
      assert.ok((Number(r.ladder_mask) & BIT[r.kind]!) !== 0, `${r.kind} marked (mask ${r.ladder_mask})`);
  });

  test('an approved extension moves the deadline: the ladder starts over for the new date', async () => {
    const { workflow, sweep } = services.loop;
    const id = matterIds[4]!; // signed, normal
    const m = await services.loop.matters.getMatter(SYSTEM_CALLER, id);
    const v = (
      await workflow.act(SYSTEM_CALLER, id, {
        action: 'request_extension',
        version: m.version,
        requestedDue: '2026-03-17',
        reason: '需要补充材料',
      })
    ).version;
    await workflow.act(SYSTEM_CALLER, id, { action: 'decide_extension', version: v, approve: true });
    const r = await sweep.sweepDue(clock.now());
    assert.equal(r.created.due_soon, 1, 'the new deadline (Tuesday 03-17) is two working days away');
    assert.equal(r.created.urge, 0);
  });
});
