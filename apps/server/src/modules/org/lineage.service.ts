import type { NewVillageBody } from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import { bumpDataVersion } from '../../platform/db/data-version';
import { AppError, fieldError } from '../../platform/errors';
import { isWithin } from '../../platform/http/scope';
import { newId } from '../../platform/ids';
import * as lineageRepo from './lineage.repository';
import type { OrgTransfersTable } from './org.tables';
import * as repo from './org.repository';
import { toOrgDto, type OrgDto, type OrgService } from './org.service';

/** How open matters of a village move (the matters module's index; the org module only records it). */
export interface OpenMatterMover {
  moveOpenMatters(trx: Tx, fromVillageId: string, to: { id: string; path: string }): Promise<string[]>;
}

export type LineageService = ReturnType<typeof createLineageService>;

type Place = { id: string; path: string };

/**
 * Merges and splits of villages (区划调整): one transaction each, all or nothing. The villages that cease
 * end on the effective date (statistics of earlier dates still count them, under the names of then); people
 * move to their new village, their open seats end on that date and reopen there (a term of the same
 * committee, created if the new village has none running), open matters move; every move is recorded in
 * `org_transfers` with where it came from, and the links in `org_lineage`.
 */
export function createLineageService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  orgs: OrgService;
  matters: OpenMatterMover;
}) {
  const { db, clock, audit, orgs, matters } = deps;

  /** Merges and splits are decided above the towns: the caller's scope must hold the village's town's parent. */
  function requireAboveTown(caller: Caller, village: repo.OrgRow): void {
    if (caller.permissions === 'system') return;
    const townParent = village.path.split('/').filter(Boolean).slice(0, -2);
    const path = townParent.length ? `/${townParent.join('/')}/` : '/';
    if (!isWithin(path, caller.scopePaths)) throw new AppError('FORBIDDEN');
  }

  async function loadVillage(trx: Tx, caller: Caller, id: string, date: string): Promise<repo.OrgRow> {
    const row = await orgs.loadInScope(caller, id, trx);
    if (row.kind !== 'village' || !row.is_active) throw new AppError('ORG_LINEAGE_INVALID');
    await orgs.checkEffectiveDate(trx, row, date);
    return row;
  }

  /** Move people (all of the org, or the given ones) with their open seats, and optionally the open matters. */
  async function moveContents(
    trx: Tx,
    eventId: string,
    from: Place,
    to: Place,
    date: string,
    personIds: readonly string[],
    withMatters: boolean,
    termOf: Map<string, string>,
  ) {
    const now = clock.now().toISOString();
    const transfers: OrgTransfersTable[] = [];
    const record = (
      objectType: OrgTransfersTable['object_type'],
      objectId: string,
      newObjectId: string | null,
    ) =>
      transfers.push({
        id: newId(),
        event_id: eventId,
        object_type: objectType,
        object_id: objectId,
        new_object_id: newObjectId,
        from_org_id: from.id,
        to_org_id: to.id,
      });
    await lineageRepo.movePersons(trx, personIds, to, now);
    for (const p of personIds) record('person', p, null);

    const moving = new Set(personIds);
    const seats = (await lineageRepo.findOpenPositionsOfOrg(trx, from.id, date)).filter((x) =>
      moving.has(x.person_id),
    );
    for (const x of seats) {
      let termId: string | null = null;
      if (x.term_id && x.committee) {
        const key = `${to.id}|${x.committee}`;
        termId = termOf.get(key) ?? null;
        if (!termId) {
          const running = await lineageRepo.findTermOn(trx, to.id, x.committee, date);
          termId = running?.id ?? newId();
          if (!running)
            await lineageRepo.insertTerm(trx, {
              id: termId,
              org_id: to.id,
              org_path: to.path,
              election_id: x.election_id ?? null,
              committee: x.committee,
              name: x.term_name!,
              election_date: x.election_date!,
              start_date: date,
              end_date: x.term_end_date! > date ? x.term_end_date! : date,
              ended_on: null,
              version: 1,
              created_at: now,
            });
          termOf.set(key, termId);
        }
      }
      if (x.start_date < date) {
        // The seat held in the old village ends on the date; the same seat opens in the new one.
        const id = newId();
        await lineageRepo.endPosition(trx, x.id, date);
        await lineageRepo.insertPosition(trx, {
          id,
          person_id: x.person_id,
          org_id: to.id,
          org_path: to.path,
          term_id: termId,
          role: x.role,
          start_date: date,
          end_date: x.end_date,
          end_reason: null,
          created_at: now,
        });
        record('position', x.id, id);
      } else {
        await lineageRepo.movePosition(trx, x.id, to, termId);
        record('position', x.id, x.id);
      }
    }
    let matterCount = 0;
    if (withMatters) {
      const ids = await matters.moveOpenMatters(trx, from.id, to);
      for (const m of ids) record('matter', m, null);
      matterCount = ids.length;
    }
    await repo.insertTransfers(trx, transfers);
    return { persons: personIds.length, positions: seats.length, matters: matterCount };
  }

  /** The org ceases on the date: inactive, valid until then, its remaining terms end then. */
  async function cease(trx: Tx, row: repo.OrgRow, date: string): Promise<void> {
    const ok = await repo.update(trx, row.id, row.version, {
      is_active: 0,
      valid_to: date,
      updated_at: clock.now().toISOString(),
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await lineageRepo.endTermsOfOrg(trx, row.id, date);
  }

  async function history(
    trx: Tx,
    caller: Caller,
    orgId: string,
    action: 'merged' | 'split',
    details: object,
  ) {
    await repo.insertHistory(trx, {
      id: newId(),
      org_id: orgId,
      at: clock.now().toISOString(),
      action,
      actor_id: caller.userId,
      details: JSON.stringify(details),
    });
  }

  const newVillage = (parentId: string, v: NewVillageBody, date: string) => ({
    parentId,
    name: v.name,
    kind: 'village' as const,
    subKind: v.subKind,
    partyOrgType: v.partyOrgType,
    code: v.code ?? null,
    effectiveDate: date,
  });

  return {
    /** Merge villages into one of them or into a new village on a date. */
    async mergeVillages(
      caller: Caller,
      input: {
        sourceIds: string[];
        effectiveDate: string;
        targetId?: string;
        newVillage?: NewVillageBody;
        parentId?: string;
        reason: string;
      },
    ) {
      const date = input.effectiveDate;
      if (new Set(input.sourceIds).size !== input.sourceIds.length) throw new AppError('ORG_LINEAGE_INVALID');
      if (input.targetId && !input.sourceIds.includes(input.targetId))
        throw fieldError('targetId', 'invalid_value');
      return db.transaction().execute(async (trx) => {
        const sources: repo.OrgRow[] = [];
        for (const id of input.sourceIds) sources.push(await loadVillage(trx, caller, id, date));
        for (const s of sources) requireAboveTown(caller, s);
        const eventId = newId();
        let target: OrgDto;
        if (input.targetId) {
          target = toOrgDto(sources.find((s) => s.id === input.targetId)!);
        } else {
          target = await orgs.insertOrg(
            trx,
            caller,
            newVillage(input.parentId ?? sources[0]!.parent_id!, input.newVillage!, date),
          );
        }
        const moved = { persons: 0, positions: 0, matters: 0 };
        const termOf = new Map<string, string>();
        for (const s of sources.filter((x) => x.id !== target.id)) {
          const people = await lineageRepo.findPersonIdsOfOrg(trx, s.id);
          const m = await moveContents(trx, eventId, s, target, date, people, true, termOf);
          moved.persons += m.persons;
          moved.positions += m.positions;
          moved.matters += m.matters;
          await cease(trx, s, date);
          await history(trx, caller, s.id, 'merged', {
            into: target.name,
            intoId: target.id,
            effectiveDate: date,
          });
        }
        const now = clock.now().toISOString();
        await repo.insertLineage(
          trx,
          sources
            .filter((s) => s.id !== target.id)
            .map((s) => ({
              id: newId(),
              kind: 'merge' as const,
              event_id: eventId,
              effective_date: date,
              from_org_id: s.id,
              to_org_id: target.id,
              actor_id: caller.userId,
              created_at: now,
            })),
        );
        const details = {
          eventId,
          effectiveDate: date,
          reason: input.reason,
          from: sources.filter((s) => s.id !== target.id).map((s) => ({ id: s.id, name: s.name })),
          moved,
        };
        await history(trx, caller, target.id, 'merged', details);
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'org_merge',
          objectType: 'org',
          objectId: target.id,
          details,
        });
        const fresh = (await repo.findById(trx, target.id, ['/']))!;
        return { eventId, targets: [toOrgDto(fresh)], moved };
      });
    },

    /** Split a village into new ones on a date; each person (with their open seats) goes to the part chosen. */
    async splitVillage(
      caller: Caller,
      id: string,
      input: {
        version: number;
        effectiveDate: string;
        parts: NewVillageBody[];
        personParts: Record<string, number>;
        mattersPart: number;
        reason: string;
      },
    ) {
      const date = input.effectiveDate;
      return db.transaction().execute(async (trx) => {
        const source = await loadVillage(trx, caller, id, date);
        requireAboveTown(caller, source);
        if (source.version !== input.version) throw new AppError('VERSION_CONFLICT');
        if (input.mattersPart >= input.parts.length) throw fieldError('mattersPart', 'invalid_value');
        const people = await lineageRepo.findPersonIdsOfOrg(trx, source.id);
        const inSource = new Set(people);
        for (const [personId, part] of Object.entries(input.personParts)) {
          if (!inSource.has(personId) || part >= input.parts.length)
            throw fieldError(`personParts.${personId}`, 'invalid_value');
        }
        const eventId = newId();
        const targets: OrgDto[] = [];
        for (const p of input.parts)
          targets.push(await orgs.insertOrg(trx, caller, newVillage(source.parent_id!, p, date)));
        const moved = { persons: 0, positions: 0, matters: 0 };
        const termOf = new Map<string, string>();
        for (const [i, t] of targets.entries()) {
          const mine = people.filter((p) => (input.personParts[p] ?? 0) === i);
          const m = await moveContents(trx, eventId, source, t, date, mine, i === input.mattersPart, termOf);
          moved.persons += m.persons;
          moved.positions += m.positions;
          moved.matters += m.matters;
        }
        // Seats of people outside the village (if any) go with the first part.
        const rest = (await lineageRepo.findOpenPositionsOfOrg(trx, source.id, date)).map((x) => x.person_id);
        if (rest.length > 0) {
          const m = await moveContents(trx, eventId, source, targets[0]!, date, [], false, termOf);
          moved.positions += m.positions;
        }
        await cease(trx, source, date);
        const now = clock.now().toISOString();
        await repo.insertLineage(
          trx,
          targets.map((t) => ({
            id: newId(),
            kind: 'split' as const,
            event_id: eventId,
            effective_date: date,
            from_org_id: source.id,
            to_org_id: t.id,
            actor_id: caller.userId,
            created_at: now,
          })),
        );
        const details = {
          eventId,
          effectiveDate: date,
          reason: input.reason,
          into: targets.map((t) => ({ id: t.id, name: t.name })),
          moved,
        };
        await history(trx, caller, source.id, 'split', details);
        for (const t of targets)
          await history(trx, caller, t.id, 'split', { eventId, effectiveDate: date, from: source.name });
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'org_split',
          objectType: 'org',
          objectId: source.id,
          details,
        });
        return { eventId, targets: targets.map((t) => ({ ...t, childCount: 0 })), moved };
      });
    },
  };
}
