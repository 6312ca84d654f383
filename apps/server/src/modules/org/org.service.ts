import {
  ALLOWED_PARENT,
  SUB_KIND_OF,
  type OrgKind,
  type OrgLineageKind,
  type OrgSubKind,
  type PartyOrgType,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import { bumpDataVersion } from '../../platform/db/data-version';
import { isWithin } from '../../platform/http/scope';
import * as repo from './org.repository';
import type { OrgsTable } from './org.tables';
import { shanghaiDate } from '../../platform/clock';

export interface OrgDto {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgKind;
  subKind: OrgSubKind;
  partyOrgType: PartyOrgType | null;
  code: string | null;
  path: string;
  depth: number;
  isActive: boolean;
  childCount: number;
  version: number;
}

export function toOrgDto(r: repo.OrgRow): OrgDto {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    subKind: r.sub_kind,
    partyOrgType: r.party_org_type,
    code: r.code,
    path: r.path,
    depth: r.depth,
    isActive: r.is_active === 1,
    childCount: Number(r.child_count ?? 0),
    version: r.version,
  };
}

export interface CreateOrgInput {
  parentId: string | null;
  name: string;
  kind: OrgKind;
  subKind: OrgSubKind;
  partyOrgType?: PartyOrgType | null;
  code?: string | null;
  sortOrder?: number;
  /** The first day the org exists (a village formed by a merge or split); absent = since before the records. */
  effectiveDate?: string;
}

/** Whether an org existed on a date (valid_from inclusive, valid_to exclusive). */
export function existedOn(r: Pick<OrgsTable, 'valid_from' | 'valid_to'>, date: string): boolean {
  return (r.valid_from === null || r.valid_from <= date) && (r.valid_to === null || r.valid_to > date);
}

/** The name an org had on a date, from its former names (sorted by valid_to) and its current one. */
export function nameOn(
  current: string,
  former: readonly { name: string; valid_to: string }[],
  date: string,
): string {
  return former.find((n) => n.valid_to > date)?.name ?? current;
}

export type OrgService = ReturnType<typeof createOrgService>;

export function createOrgService(deps: { db: Db; clock: Clock; audit: AuditTrail }) {
  const { db, clock, audit } = deps;
  const today = () => shanghaiDate(clock.now());

  /** An effective date may not lie in the future nor before the org existed or last changed its name (the same day may: a typo fixed). */
  async function checkEffectiveDate(conn: Db | Tx, row: OrgsTable, date: string): Promise<void> {
    const former = await repo.findNames(conn, [row.id]);
    const floor = [row.valid_from, ...former.map((n) => n.valid_to)].filter((d): d is string => !!d);
    if (date > today() || floor.some((d) => date < d)) throw new AppError('ORG_EFFECTIVE_DATE_INVALID');
  }

  /** Insert an org under a parent in the caller's scope inside the caller's transaction. */
  async function insertOrg(trx: Tx, caller: Caller, input: CreateOrgInput): Promise<OrgDto> {
    if (!SUB_KIND_OF[input.kind].includes(input.subKind)) throw fieldError('subKind', 'invalid_value');
    if (input.kind === 'village' && !input.partyOrgType) throw fieldError('partyOrgType', 'required');
    if (input.effectiveDate && input.effectiveDate > today())
      throw new AppError('ORG_EFFECTIVE_DATE_INVALID');
    const id = newId(clock.now().getTime());
    const now = clock.now().toISOString();
    let path = `/${id}/`;
    let depth = 0;
    if (input.parentId) {
      const parent = await repo.findById(trx, input.parentId, caller.scopePaths);
      if (!parent) throw fieldError('parentId', 'invalid_value');
      if (!parent.is_active) throw new AppError('ORG_INACTIVE');
      if (!ALLOWED_PARENT[input.kind].includes(parent.kind)) throw new AppError('ORG_INVALID_PARENT');
      path = `${parent.path}${id}/`;
      depth = parent.depth + 1;
    } else if (caller.permissions !== 'system' || input.kind !== 'city') {
      throw new AppError('ORG_INVALID_PARENT');
    }
    const row = {
      id,
      parent_id: input.parentId,
      name: input.name,
      kind: input.kind,
      sub_kind: input.subKind,
      party_org_type: input.partyOrgType ?? null,
      code: input.code ?? null,
      path,
      depth,
      sort_order: input.sortOrder ?? 0,
      is_active: 1,
      valid_from: input.effectiveDate ?? null,
      valid_to: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insert(trx, row);
    await repo.insertHistory(trx, {
      id: newId(),
      org_id: id,
      at: now,
      action: 'created',
      actor_id: caller.userId,
      details: JSON.stringify({ name: input.name, effectiveDate: input.effectiveDate ?? null }),
    });
    await bumpDataVersion(trx, 'roster');
    await audit.record(trx, caller.actor, {
      action: 'org_create',
      objectType: 'org',
      objectId: id,
      details: { name: input.name, kind: input.kind },
    });
    return toOrgDto({ ...row, child_count: 0 });
  }

  /** An org in the caller's scope, or 404 (an out-of-scope hit is audited as a denial). Pass trx inside a transaction. */
  async function loadInScope(caller: Caller, id: string, conn: Db | Tx = db): Promise<repo.OrgRow> {
    return loadInScopeOr404({
      audit,
      caller,
      objectType: 'org',
      id,
      find: () => repo.findById(conn, id, caller.scopePaths),
      exists: () => repo.findByIdUnscoped(conn, id),
      trx: conn === db ? undefined : conn,
    });
  }

  return {
    /** One organization with its ancestors and history; out of scope answers like missing. */
    async getOrg(caller: Caller, id: string) {
      const row = await loadInScope(caller, id);
      const [ancestors, history, names, lineage] = await Promise.all([
        repo.findAncestors(db, row.path),
        repo.findHistory(db, id),
        repo.findNames(db, [id]),
        repo.findLineage(db, id),
      ]);
      const link = (orgId: string, name: string, path: string, kind: OrgLineageKind, date: string) =>
        isWithin(path, caller.scopePaths) ? [{ orgId, name, kind, effectiveDate: date }] : [];
      return {
        ...toOrgDto(row),
        validFrom: row.valid_from,
        validTo: row.valid_to,
        formerNames: names.map((n) => ({ name: n.name, validTo: n.valid_to })),
        predecessors: lineage
          .filter((l) => l.to_org_id === id)
          .flatMap((l) => link(l.from_org_id, l.from_name, l.from_path, l.kind, l.effective_date)),
        successors: lineage
          .filter((l) => l.from_org_id === id)
          .flatMap((l) => link(l.to_org_id, l.to_name, l.to_path, l.kind, l.effective_date)),
        ancestors: ancestors
          .filter((a) => isWithin(a.path, caller.scopePaths))
          .map((a) => ({ id: a.id, name: a.name })),
        history: history.map((h) => ({
          at: h.at,
          action: h.action,
          actorName: h.actor_name ?? null,
          details: JSON.parse(h.details),
        })),
      };
    },

    /** Children of a node, or the caller's scope roots when no parent is given. */
    async listChildren(caller: Caller, parentId?: string): Promise<OrgDto[]> {
      if (!parentId) {
        if (caller.scopePaths.includes('/')) return (await repo.findRoots(db)).map(toOrgDto);
        const roots = caller.scopePaths.filter(
          (p) => !caller.scopePaths.some((q) => q !== p && p.startsWith(q)),
        );
        return (await repo.findByPaths(db, roots)).map(toOrgDto);
      }
      await loadInScope(caller, parentId);
      return (await repo.findChildren(db, parentId, caller.scopePaths)).map(toOrgDto);
    },

    async listOrgs(
      caller: Caller,
      f: { q?: string; kind?: OrgKind; underId?: string },
      page: { offset: number; limit: number },
    ) {
      let underPath: string | undefined;
      if (f.underId) underPath = (await loadInScope(caller, f.underId)).path;
      const { rows, total } = await repo.list(
        db,
        { q: f.q, kind: f.kind, underPath },
        caller.scopePaths,
        page,
      );
      return { items: rows.map(toOrgDto), total };
    },

    /** Create an organization under a parent in the caller's scope (a city root only by the system). */
    createOrg(caller: Caller, input: CreateOrgInput): Promise<OrgDto> {
      return db.transaction().execute((trx) => insertOrg(trx, caller, input));
    },

    /** Rename or retype; the old name stays in the history. */
    async updateOrg(
      caller: Caller,
      id: string,
      input: {
        version: number;
        name?: string;
        partyOrgType?: PartyOrgType | null;
        code?: string | null;
        effectiveDate?: string;
      },
    ) {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findById(trx, id, caller.scopePaths);
        if (!row) throw notFound();
        const now = clock.now().toISOString();
        const patch: Parameters<typeof repo.update>[3] = { updated_at: now };
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        if (input.name !== undefined && input.name !== row.name) {
          // The former name holds until the day before the rename takes effect (statistics of earlier dates use it).
          const effectiveDate = input.effectiveDate ?? today();
          await checkEffectiveDate(trx, row, effectiveDate);
          await repo.insertName(trx, { id: newId(), org_id: id, name: row.name, valid_to: effectiveDate });
          patch.name = input.name;
          changed.name = { from: row.name, to: input.name };
          changed.effectiveDate = { from: null, to: effectiveDate };
        }
        if (input.partyOrgType !== undefined && input.partyOrgType !== row.party_org_type) {
          patch.party_org_type = input.partyOrgType;
          changed.partyOrgType = { from: row.party_org_type, to: input.partyOrgType };
        }
        if (input.code !== undefined && input.code !== row.code) {
          patch.code = input.code;
          changed.code = { from: row.code, to: input.code };
        }
        if (!(await repo.update(trx, id, input.version, patch))) throw new AppError('VERSION_CONFLICT');
        const action = changed.name ? 'renamed' : 'updated';
        await repo.insertHistory(trx, {
          id: newId(),
          org_id: id,
          at: now,
          action,
          actor_id: caller.userId,
          details: JSON.stringify(changed),
        });
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'org_update',
          objectType: 'org',
          objectId: id,
          details: { fields: Object.keys(changed), ...changed },
        });
        return toOrgDto({ ...row, ...patch, version: row.version + 1 } as repo.OrgRow);
      });
    },

    /** Move a subtree under a new parent (e.g. a village transferred between towns); paths are rewritten in one transaction. */
    async moveOrg(caller: Caller, id: string, input: { version: number; newParentId: string }) {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findById(trx, id, caller.scopePaths);
        if (!row) throw notFound();
        const parent = await repo.findById(trx, input.newParentId, caller.scopePaths);
        if (!parent) throw fieldError('newParentId', 'invalid_value');
        if (parent.path.startsWith(row.path)) throw new AppError('ORG_MOVE_INTO_SELF');
        if (!ALLOWED_PARENT[row.kind].includes(parent.kind)) throw new AppError('ORG_INVALID_PARENT');
        if (!parent.is_active) throw new AppError('ORG_INACTIVE');
        const now = clock.now().toISOString();
        const newPath = `${parent.path}${id}/`;
        if (!(await repo.update(trx, id, input.version, { parent_id: parent.id, updated_at: now })))
          throw new AppError('VERSION_CONFLICT');
        await repo.rewritePaths(trx, row.path, newPath, parent.depth + 1 - row.depth);
        const details = { fromParentId: row.parent_id, toParentId: parent.id, toParentName: parent.name };
        await repo.insertHistory(trx, {
          id: newId(),
          org_id: id,
          at: now,
          action: 'moved',
          actor_id: caller.userId,
          details: JSON.stringify(details),
        });
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'org_move',
          objectType: 'org',
          objectId: id,
          details,
        });
        return toOrgDto((await repo.findById(trx, id, ['/']))!);
      });
    },

    /** Deactivate (撤销) an organization with no active children; it stays in history and in past statistics. */
    async deactivateOrg(
      caller: Caller,
      id: string,
      input: { version: number; reason: string; effectiveDate?: string },
    ) {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findById(trx, id, caller.scopePaths);
        if (!row) throw notFound();
        if (!row.is_active) throw new AppError('ORG_INACTIVE');
        if ((await repo.countActiveChildren(trx, id)) > 0) throw new AppError('ORG_HAS_ACTIVE_CHILDREN');
        const now = clock.now().toISOString();
        const effectiveDate = input.effectiveDate ?? today();
        await checkEffectiveDate(trx, row, effectiveDate);
        if (
          !(await repo.update(trx, id, input.version, {
            is_active: 0,
            valid_to: effectiveDate,
            updated_at: now,
          }))
        )
          throw new AppError('VERSION_CONFLICT');
        await repo.insertHistory(trx, {
          id: newId(),
          org_id: id,
          at: now,
          action: 'deactivated',
          actor_id: caller.userId,
          details: JSON.stringify({ reason: input.reason, effectiveDate }),
        });
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'org_deactivate',
          objectType: 'org',
          objectId: id,
          details: { reason: input.reason, effectiveDate },
        });
        return toOrgDto({ ...row, is_active: 0, valid_to: effectiveDate, version: row.version + 1 });
      });
    },

    /**
     * Children of an org as they were on a date: only those that existed then, under the names they had
     * (statistics of a past date show the organizations of that date).
     */
    async listChildrenOn(caller: Caller, parentId: string, date: string): Promise<OrgDto[]> {
      await loadInScope(caller, parentId);
      const rows = (await repo.findChildren(db, parentId, caller.scopePaths)).filter((r) =>
        existedOn(r, date),
      );
      const names = await repo.findNames(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        ...toOrgDto(r),
        name: nameOn(
          r.name,
          names.filter((n) => n.org_id === r.id),
          date,
        ),
      }));
    },

    /** The name an org had on a date. */
    async nameOnDate(id: string, current: string, date: string): Promise<string> {
      return nameOn(current, await repo.findNames(db, [id]), date);
    },

    insertOrg,
    checkEffectiveDate,

    /** Whether any org exists (the demo city is built only into an empty database). */
    hasAnyOrg(): Promise<boolean> {
      return repo.hasAny(db);
    },

    loadInScope,
  };
}
