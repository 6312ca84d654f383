import { createHash } from 'node:crypto';
import type {
  StructureElectionList,
  StructureGroup,
  StructureReport,
  StructureSnapshot,
  StructureSnapshotSummary,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { createLruCache, readDataVersion } from '../../platform/db/data-version';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import { figuresOf, sumRows } from './structure-report.figures';
import * as repo from './structure-report.repository';

export type StructureReportService = ReturnType<typeof createStructureReportService>;

/** The org id a materialized path ends with ('/a/b/' → 'b'). */
const orgIdOfPath = (path: string) => path.split('/').at(-2)!;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The election structure report (换届结构分析): the committees an election produced beside the previous
 * term of the same orgs, by town (the children of the election's scope) and in total, for the part of
 * the election the caller sees; and its snapshots, frozen with a content hash so a report stays
 * reproducible after later roster edits.
 */
export function createStructureReportService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
  // A report only changes when the roster does (every change of persons, terms and seats moves its
  // data version): the live report is cached under that version, as the roster statistics are.
  const cache = createLruCache<StructureReport>(50);

  const loadElection = (caller: Caller, id: string, conn: Db | Tx) =>
    loadInScopeOr404({
      audit,
      caller,
      objectType: 'election',
      id,
      find: () => repo.findElectionInScope(conn, id, caller.scopePaths),
      exists: () => repo.findElectionUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });

  /** The subtrees of the election the caller sees: its whole scope, or the caller's towns within it. */
  function coverOf(caller: Caller, e: repo.ElectionInScope): string[] {
    if (caller.scopePaths.some((p) => e.scope_path.startsWith(p))) return [e.scope_path];
    return caller.scopePaths.filter((p) => p.startsWith(e.scope_path));
  }

  async function compute(conn: Db | Tx, e: repo.ElectionInScope, cover: string[]): Promise<StructureReport> {
    const rows = await repo.scanStructure(conn, e.id, e.scope_path, cover);
    const coverOrg = cover.length === 1 ? orgIdOfPath(cover[0]!) : e.scope_org_id;
    const groupIds = [...new Set(rows.map((r) => r.grp).filter((g) => g !== ''))];
    const orgs = await repo.findOrgNames(conn, [...groupIds, coverOrg]);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const group = (orgId: string, side: (r: repo.StructureScanRow) => boolean): StructureGroup => ({
      orgId,
      orgName: byId.get(orgId)?.name ?? '',
      current: figuresOf(sumRows(rows.filter((r) => r.side === 'c' && side(r))), true),
      previous: figuresOf(sumRows(rows.filter((r) => r.side === 'p' && side(r))), false),
    });
    // A town is listed when the caller sees all of it (a village's secretary gets the total only).
    const groups = groupIds
      .filter((g) => byId.has(g) && cover.some((c) => byId.get(g)!.path.startsWith(c)))
      .sort((a, b) => {
        const x = byId.get(a)!;
        const y = byId.get(b)!;
        return x.sort_order - y.sort_order || x.name.localeCompare(y.name, 'zh-CN') || a.localeCompare(b);
      })
      .map((g) => group(g, (r) => r.grp === g));
    return {
      election: { id: e.id, name: e.name, electionDate: e.election_date },
      groups,
      total: group(coverOrg, () => true),
    };
  }

  function summaryOf(r: Awaited<ReturnType<typeof repo.listSnapshots>>[number]): StructureSnapshotSummary {
    return {
      id: r.id,
      electionId: r.election_id,
      orgId: r.org_id,
      orgName: r.org_name,
      createdAt: r.created_at,
      createdBy: r.created_by_name ?? null,
      contentHash: r.content_hash,
    };
  }

  /** Freeze the report the caller sees now, inside the caller's transaction (the campaign's finalize). */
  async function freeze(trx: Tx, caller: Caller, electionId: string): Promise<StructureSnapshotSummary> {
    const e = await loadElection(caller, electionId, trx);
    const cover = coverOf(caller, e);
    const report = await compute(trx, e, cover);
    const json = JSON.stringify(report);
    const id = newId(clock.now().getTime());
    // A caller seeing several towns of the election (but not all) files the snapshot under the scope.
    const path = cover.length === 1 ? cover[0]! : e.scope_path;
    await repo.insertSnapshot(trx, {
      id,
      election_id: e.id,
      org_id: orgIdOfPath(path),
      org_path: path,
      report: json,
      content_hash: sha256(json),
      created_by: caller.userId,
      created_at: clock.now().toISOString(),
    });
    await audit.record(trx, caller.actor, {
      action: 'structure_snapshot_create',
      objectType: 'election',
      objectId: e.id,
      details: { snapshotId: id, orgId: orgIdOfPath(path) },
    });
    const found = await repo.findSnapshot(trx, e.id, id, ['/']);
    return summaryOf(found!);
  }

  return {
    freeze,

    /** The elections whose report the caller may read. */
    async listElections(caller: Caller): Promise<StructureElectionList> {
      const rows = await repo.listElectionsInScope(db, caller.scopePaths);
      return {
        items: rows.map((e) => ({
          id: e.id,
          name: e.name,
          electionDate: e.election_date,
          scopeOrgName: e.scope_name,
        })),
      };
    },

    /** The live report of an election, for the part of it the caller sees. */
    async report(caller: Caller, electionId: string): Promise<StructureReport> {
      const e = await loadElection(caller, electionId, db);
      const cover = coverOf(caller, e);
      const key = `${e.id}|${cover.join(',')}|${await readDataVersion(db, 'roster')}`;
      let report = cache.get(key);
      if (!report) {
        report = await compute(db, e, cover);
        cache.set(key, report);
      }
      return report;
    },

    /** Freeze the live report now (its own transaction). */
    freezeNow(caller: Caller, electionId: string) {
      return db.transaction().execute((trx) => freeze(trx, caller, electionId));
    },

    async listSnapshots(caller: Caller, electionId: string) {
      const e = await loadElection(caller, electionId, db);
      return { items: (await repo.listSnapshots(db, e.id, caller.scopePaths)).map(summaryOf) };
    },

    /** A frozen report as it was stored, with whether it still matches its hash. */
    async readSnapshot(caller: Caller, electionId: string, snapshotId: string): Promise<StructureSnapshot> {
      const e = await loadElection(caller, electionId, db);
      const row = await loadInScopeOr404({
        audit,
        caller,
        objectType: 'structure_snapshot',
        id: snapshotId,
        find: () => repo.findSnapshot(db, e.id, snapshotId, caller.scopePaths),
        exists: () => repo.findSnapshotUnscoped(db, snapshotId),
      });
      return {
        ...summaryOf(row),
        intact: sha256(row.report) === row.content_hash,
        report: JSON.parse(row.report) as StructureReport,
      };
    },
  };
}
