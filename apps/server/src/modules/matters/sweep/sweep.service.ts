import { formatDocNo, type NotificationKind, type SupervisionKind } from '@xinhuo/shared';
import type { Db } from '../../../database';
import type { AuditTrail } from '../../../platform/audit/audit';
import type { CalendarService } from '../../../platform/calendar/calendar';
import { nextDate } from '../../../platform/calendar/work-calendar';
import { SYSTEM_CALLER } from '../../../platform/caller';
import { shanghaiDate } from '../../../platform/clock';
import { AppError } from '../../../platform/errors';
import { monotonicId } from '../../../platform/ids';
import type { NotifyTarget, Notifier } from '../../../platform/notify/notifier';
import * as repo from '../matters.repository';
import type { PolicyVersions } from '../../../platform/policy/policy-versions';
import { thresholdValues } from '../policy/loop-policy';
import * as sweepRepo from './sweep.repository';
import { noteFor, pathIds } from '../matter-access';
// The module's own face: the boundary rule's path patterns cannot tell a sibling room from another module.
import type { WorkflowService } from '..';

const BATCH = 200;
const OPEN_STATUSES = ['pending', 'signed', 'returned'] as const;

export interface SweepReport {
  today: string;
  created: Record<SupervisionKind, number>;
  closedNoResponse: number;
  ms: number;
}

export type SweepService = ReturnType<typeof createSweepService>;

/**
 * The periodic sweep: records what has become due (reminders, 催办, 督办单, 通报) and closes unanswered
 * feedback. Idempotent: every record has a unique key and is inserted-or-ignored, so any number of app
 * instances may sweep the same database at once and each record exists once.
 */
export function createSweepService(deps: {
  db: Db;
  audit: AuditTrail;
  calendar: CalendarService;
  notify: Notifier;
  workflow: Pick<WorkflowService, 'act'>;
  policyVersions: Pick<PolicyVersions, 'get'>;
}) {
  const { db, audit, calendar, notify, workflow, policyVersions } = deps;

  async function sweepKind(
    rule: sweepRepo.DueRule,
    now: Date,
    settings: Map<string, string>,
  ): Promise<number> {
    const today = shanghaiDate(now);
    let created = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      const due = await sweepRepo.findDueAssignments(db, rule, BATCH);
      if (due.length === 0) break;
      const inserted = await db.transaction().execute(async (trx) => {
        const at = now.toISOString();
        const rows = due.map((c) => ({
          id: monotonicId(now.getTime()),
          matter_id: c.matter_id,
          assignment_id: c.id,
          unit_id: c.unit_id,
          unit_path: c.unit_path,
          org_path: c.org_path,
          kind: rule.kind,
          level: rule.level,
          due_date: c.key_date,
          triggered_on: today,
          created_at: at,
        }));
        // Inserts first (insert-or-ignore): only what this sweeper wrote gets numbered, counted and notified.
        const wonIds = await sweepRepo.insertSupervisionsOnce(trx, rows);
        if (rule.ladderBit) await sweepRepo.markLadder(trx, rule.ladderBit, due);
        const won = rows.flatMap((row, k) => (wonIds.has(row.id) ? [{ c: due[k]!, supId: row.id }] : []));
        if (won.length === 0) return 0;
        const docNos = new Map<string, string>();
        if (rule.kind === 'supervise') {
          const year = Number(today.slice(0, 4));
          const first = await repo.reserveDocSeqs(trx, 'supervise', year, won.length);
          for (const [k, w] of won.entries()) {
            const docNo = formatDocNo(settings.get('supervise_doc_prefix') ?? '督', year, first + k);
            docNos.set(w.supId, docNo);
            await sweepRepo.updateSupervisionDoc(trx, w.supId, docNo, year, first + k);
          }
        }
        await sweepRepo.recordEscalations(
          trx,
          rule.kind,
          rule.level,
          won.map((w) => w.c.id),
          won.map((w) => w.c.matter_id),
        );
        await repo.insertEvents(
          trx,
          won.map(({ c, supId }) => ({
            id: monotonicId(now.getTime()),
            matter_id: c.matter_id,
            at,
            actor_user_id: null,
            actor_name: 'system',
            party: 'system',
            action: rule.kind,
            from_state: c.state,
            to_state: c.state,
            reason: null,
            details: JSON.stringify({
              supervisionId: supId,
              unitId: c.unit_id,
              dueDate: c.key_date,
              docNo: docNos.get(supId),
            }),
          })),
        );
        await notify.enqueueMany(
          trx,
          won.map(({ c, supId }) => ({
            targets: targetsOf(rule.kind, c),
            n: noteFor(
              rule.kind as NotificationKind,
              { id: c.matter_id, code: c.code, title: c.title },
              { date: c.key_date, docNo: docNos.get(supId) },
            ),
          })),
        );
        await audit.record(trx, SYSTEM_CALLER.actor, {
          action: 'matter_sweep',
          objectType: 'matter_supervision',
          details: {
            kind: rule.kind,
            today,
            count: won.length,
            assignmentIds: won.slice(0, 50).map((w) => w.c.id),
          },
        });
        await repo.bumpMatters(trx);
        return won.length;
      });
      created += inserted;
      if (due.length < BATCH) break;
    }
    return created;
  }

  return {
    /** Record everything that has become due as of `now` (Shanghai business date) and return what was created. */
    async sweepDue(now: Date): Promise<SweepReport> {
      const started = Date.now();
      const today = shanghaiDate(now);
      const cal = calendar.current();
      // Overdue by ≥ k working days ⇔ deadline < the k-th working day counted back from today inclusive.
      const overdueBy = (k: number) => cal.addWorkdays(nextDate(today), -k);
      const created = { due_soon: 0, sign_overdue: 0, urge: 0, supervise: 0, circulate: 0 };
      // The supervision ladder is each matter's own: its thresholds come from the loop policy version the
      // matter was raised under. One pass per version present among open matters (one grouped query);
      // with a single version present no filter is needed.
      const versions = await sweepRepo.openPolicyVersions(db);
      for (const version of versions) {
        const policy = await policyVersions.get(db, 'matter_loop', version);
        const settings = thresholdValues(policy.body);
        const n = (k: string, d: number) => Number(settings.get(k) ?? d);
        const only = versions.length > 1 ? { policyVersion: version } : {};
        const rules: sweepRepo.DueRule[] = [
          {
            kind: 'due_soon',
            level: 0,
            keyColumn: 'due_date',
            from: today,
            before: cal.addWorkdays(today, n('due_soon_workdays', 2) + 1),
            statuses: OPEN_STATUSES,
            ladderBit: 1,
            ...only,
          },
          {
            kind: 'urge',
            level: 1,
            keyColumn: 'due_date',
            before: overdueBy(n('urge_overdue_workdays', 1)),
            statuses: OPEN_STATUSES,
            ladderBit: 2,
            ...only,
          },
          {
            kind: 'supervise',
            level: 2,
            keyColumn: 'due_date',
            before: overdueBy(n('supervise_overdue_workdays', 3)),
            statuses: OPEN_STATUSES,
            ladderBit: 4,
            ...only,
          },
          {
            kind: 'circulate',
            level: 3,
            keyColumn: 'due_date',
            before: overdueBy(n('circulate_overdue_workdays', 5)),
            statuses: OPEN_STATUSES,
            ladderBit: 8,
            ...only,
          },
        ];
        for (const r of rules) created[r.kind] += await sweepKind(r, now, settings);
      }
      // Sign-for is late by the part's own stored sign_due: no threshold of the ladder is read.
      created.sign_overdue = await sweepKind(
        { kind: 'sign_overdue', level: 0, keyColumn: 'sign_due', before: today, statuses: ['pending'] },
        now,
        new Map(),
      );

      let closedNoResponse = 0;
      let busyRetries = 0;
      for (let guard = 0; guard < 1000; guard++) {
        const rows = await sweepRepo.findFeedbackOverdueMatters(db, today, BATCH);
        let progressed = 0;
        let busy = 0;
        for (const r of rows) {
          try {
            await workflow.act(SYSTEM_CALLER, r.id, { action: 'close_no_response', version: r.version });
            closedNoResponse++;
            progressed++;
          } catch (e) {
            // Another instance closed it first (a version conflict or an illegal transition now): done.
            if (e instanceof AppError) continue;
            // The write lock was busy (SQLite): look again shortly; whoever holds it may be doing other work.
            if (/SQLITE_BUSY|database is locked/i.test(String(e))) busy++;
            else throw e;
          }
        }
        if (busy > 0 && busyRetries < 20) {
          busyRetries++;
          await new Promise((r) => setTimeout(r, 20 * busyRetries));
          continue;
        }
        if (rows.length < BATCH || progressed === 0) break;
      }
      notify.kick();
      return { today, created, closedNoResponse, ms: Date.now() - started };
    },
  };
}

/** Who hears of each step: the unit always; the dispatching desk from sign-overdue on; the leaders at 通报. */
function targetsOf(kind: SupervisionKind, c: sweepRepo.Candidate): NotifyTarget[] {
  const { rootId, townId } = pathIds(c.org_path);
  const unit: NotifyTarget = { orgId: c.unit_id, audience: 'handler' };
  const desk: NotifyTarget = { orgId: c.dispatcher_org_id ?? townId ?? rootId, audience: 'dispatcher' };
  switch (kind) {
    case 'due_soon':
      return [unit];
    case 'sign_overdue':
    case 'urge':
    case 'supervise':
      return [unit, desk];
    case 'circulate':
      return [unit, desk, { orgId: rootId, audience: 'leader' }];
  }
}
