import {
  nameSearchKeys,
  nameSortKey,
  type Committee,
  type ImportPersonRow,
  type PositionRole,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { bumpDataVersion } from '../../platform/db/data-version';
import { isWithin } from '../../platform/http/scope';
import { newId } from '../../platform/ids';
import * as repo from './people.repository';
import { nameSearchColumns } from './people.name-keys';
import * as termsRepo from './terms.repository';
import type { PersonsTable, PositionsTable } from './people.tables';

/** One person of an import as the roster keeps it (already checked by the import's row validator). */
export type ImportedPerson = Omit<ImportPersonRow, 'orgPath' | 'position'> & {
  org: { id: string; path: string };
  /** A seat to open for a new person, in the org's open term of its committee (see `openTermFor`). */
  position: { role: PositionRole; startDate: string; termId: string } | null;
};

/** Who holds an ID number: someone the caller may see (by id), or someone outside their scope (no more said). */
export type IdNumberHolder = { inScope: true; id: string } | { inScope: false };

/** How many people an import created, updated and left as they were. */
export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * People matched, prepared, written and audited together: one audit row names the ids of a batch (not one
 * row per person), and only one batch of prepared rows (encrypted columns and all) is held at a time.
 */
export const IMPORT_BATCH = 500;

type MacParts = (r: PersonsTable) => (string | null)[];
type Sensitive = (idNumber: string, phone: string | null) => Partial<PersonsTable>;

/**
 * The import's side of the roster: match a file's ID numbers at once, then create and update its people
 * inside the import's transaction in a few statements, with batched audit rows.
 */
export function createPeopleImport(deps: {
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  macParts: MacParts;
  sensitiveColumns: Sensitive;
}) {
  const { clock, audit, crypto, macParts, sensitiveColumns } = deps;

  /** The roster's columns of an imported person, without identity, times or version. */
  function columns(p: ImportedPerson) {
    return {
      name: p.name,
      name_search: ' ' + nameSearchKeys(p.name),
      name_sort: nameSortKey(p.name),
      ...nameSearchColumns(p.name),
      gender: p.gender,
      ethnicity: p.ethnicity,
      birth_date: p.birthDate,
      full_time_education: p.fullTimeEducation,
      in_service_education: p.inServiceEducation,
      highest_education: p.highestEducation,
      is_college: p.isCollege ? 1 : 0,
      degree: p.degree,
      major: p.major,
      political_status: p.politicalStatus,
      party_join_date: p.partyJoinDate,
      work_start_date: p.workStartDate,
    } satisfies Partial<PersonsTable>;
  }

  return {
    /** Holders of these ID numbers, keyed by the number (matched by the blind index, one query per chunk). */
    async matchIdNumbers(conn: Db | Tx, caller: Caller, idNumbers: readonly string[]) {
      const byBidx = new Map(idNumbers.map((n) => [crypto.blindIndex(n), n]));
      const rows = await repo.findByIdNumberIndexes(conn, [...byBidx.keys()]);
      const out = new Map<string, IdNumberHolder>();
      for (const r of rows) {
        const n = byBidx.get(r.id_number_bidx);
        if (n === undefined) continue;
        out.set(
          n,
          isWithin(r.org_path, caller.scopePaths) ? { inScope: true, id: r.id } : { inScope: false },
        );
      }
      return out;
    },

    /**
     * For each seat a file names, the open term of its org and committee that runs on the seat's start
     * date, or null. The template has no term column: a seat goes into the term it falls in, and a
     * seat with none is the row's error (terms are opened in the terms tools, with their election date).
     */
    async openTermFor(
      conn: Db | Tx,
      seats: readonly { orgId: string; committee: Committee; startDate: string }[],
    ): Promise<(string | null)[]> {
      const terms = await termsRepo.findOpenTermsOfOrgs(conn, [...new Set(seats.map((x) => x.orgId))]);
      return seats.map(
        (x) =>
          terms.find(
            (t) =>
              t.org_id === x.orgId &&
              t.committee === x.committee &&
              t.start_date <= x.startDate &&
              x.startDate <= t.end_date,
          )?.id ?? null,
      );
    },

    /**
     * Create the new people and update the existing ones (in scope, matched by ID number) inside `trx`.
     * An update writes only when a value differs, so the same file imported twice changes nothing.
     * The org of an existing person is kept (moving people is the org tools' work, not an import's).
     */
    async importPeople(
      trx: Tx,
      caller: Caller,
      jobId: string,
      /** The people in batches of at most `IMPORT_BATCH`, read one at a time (the file is never whole). */
      batches: AsyncIterable<readonly ImportedPerson[]>,
      existingMode: 'update' | 'skip',
      /** Awaited after each batch with the count of people done. */
      onProgress?: (done: number) => void | Promise<void>,
    ): Promise<ImportOutcome> {
      const now = clock.now().toISOString();
      const stamp = clock.now().getTime();
      const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0 };
      let done = 0;
      for await (const batch of batches) {
        if (batch.length > IMPORT_BATCH)
          throw new Error(`an import batch holds at most ${IMPORT_BATCH} people`);
        // Sealed once: the blind index finds who is on record, the rest is what a new person's row holds.
        const sealed = batch.map((p) => sensitiveColumns(p.idNumber, p.phone));
        const existing = new Map(
          (
            await repo.findByIdNumberIndexes(
              trx,
              sealed.map((x) => x.id_number_bidx!),
            )
          ).map((r) => [r.id_number_bidx, r]),
        );
        const inserts: PersonsTable[] = [];
        const seats: PositionsTable[] = [];
        const updated: { id: string; fields: string[] }[] = [];
        for (const [i, p] of batch.entries()) {
          const sens = sealed[i]!;
          const held = existing.get(sens.id_number_bidx!);
          if (!held) {
            const row: PersonsTable = {
              id: newId(stamp),
              ...columns(p),
              ...(sens as Pick<
                PersonsTable,
                | 'id_number_enc'
                | 'id_number_bidx'
                | 'id_number_masked'
                | 'phone_enc'
                | 'phone_bidx'
                | 'phone_masked'
              >),
              org_id: p.org.id,
              org_path: p.org.path,
              record_enc: null,
              row_mac: '',
              created_at: now,
              updated_at: now,
              version: 1,
            };
            row.row_mac = crypto.mac(macParts(row));
            inserts.push(row);
            if (p.position) {
              seats.push({
                id: newId(stamp),
                person_id: row.id,
                org_id: p.org.id,
                org_path: p.org.path,
                term_id: p.position.termId,
                role: p.position.role,
                start_date: p.position.startDate,
                end_date: null,
                end_reason: null,
                created_at: now,
              });
            }
            continue;
          }
          if (existingMode === 'skip') {
            outcome.unchanged += 1;
            continue;
          }
          const next = columns(p);
          const fields: string[] = (Object.keys(next) as (keyof typeof next)[]).filter(
            (k) => k !== 'name_search' && next[k] !== held[k],
          );
          const phoneChanged = (sens.phone_bidx ?? null) !== held.phone_bidx;
          if (phoneChanged) fields.push('phone');
          if (fields.length === 0) {
            outcome.unchanged += 1;
            continue;
          }
          const cols: Partial<PersonsTable> = {
            ...next,
            ...(phoneChanged
              ? { phone_enc: sens.phone_enc, phone_bidx: sens.phone_bidx, phone_masked: sens.phone_masked }
              : {}),
            updated_at: now,
          };
          cols.row_mac = crypto.mac(macParts({ ...held, ...cols }));
          await repo.update(trx, held.id, held.version, cols);
          updated.push({ id: held.id, fields });
        }
        await repo.insertMany(trx, inserts);
        // Seats are changes of their terms: take each term's row as the terms tools do.
        for (const termId of new Set(seats.map((x) => x.term_id!))) await termsRepo.lockTerm(trx, termId);
        await termsRepo.insertPositions(trx, seats);
        if (inserts.length > 0)
          await audit.record(trx, caller.actor, {
            action: 'person_import_create',
            objectType: 'import_job',
            objectId: jobId,
            details: { personIds: inserts.map((r) => r.id) },
          });
        if (updated.length > 0)
          await audit.record(trx, caller.actor, {
            action: 'person_import_update',
            objectType: 'import_job',
            objectId: jobId,
            details: { people: updated },
          });
        outcome.created += inserts.length;
        outcome.updated += updated.length;
        done += batch.length;
        await onProgress?.(done);
      }
      if (outcome.created > 0 || outcome.updated > 0) await bumpDataVersion(trx, 'roster');
      return outcome;
    },
  };
}
