import {
  PARTY_COMMITTEE_ROLES,
  VILLAGERS_COMMITTEE_ROLES,
  ageOn,
  fullPinyin,
  maskIdNumber,
  maskPersonName,
  maskPhone,
  nameSearchKeys,
  nameSortKey,
  normalizeSearchQuery,
  type CadreRank,
  type Committee,
  type DedupeRequestKind,
  type Gender,
  type PersonRecord,
  type PositionRole,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { Caller } from '../../platform/caller';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError, fieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadInScopeOr404 } from '../../platform/scoped-load';
import { isWithin } from '../../platform/http/scope';
import {
  ROSTER_DATA_VERSION,
  bumpDataVersion,
  createLruCache,
  versionFor,
} from '../../platform/db/data-version';
import type { OrgService } from '../org';
import * as repo from './people.repository';
import { nameSearchColumns } from './people.name-keys';
import * as termsRepo from './terms.repository';
import { checkPerson, type PersonInput } from './person-rules';
import { createPeopleImport } from './people-import';
import type { PersonsTable } from './people.tables';
import type { CadreSource } from './people.cadre';
import { auditedChanges } from './people.audit-changes';
import { changedRecordParts, checkRecord, isEmptyRecord, mergeRecord } from './people.record';

export interface ListQuery {
  orgId?: string;
  role?: PositionRole;
  committee?: Committee | 'any';
  college?: 'yes' | 'no';
  ageMin?: number;
  ageMax?: number;
  gender?: Gender;
  politicalStatus?: string;
  q?: string;
  refDate?: string;
  sort?: repo.SortKey;
  order?: 'asc' | 'desc';
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

function shiftYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/** Roster list pages kept in memory (per instance), keyed by scope, query, page and roster version. */
const LIST_CACHE_SIZE = 300;

/** Reveals of ID numbers and phones allowed per user and Shanghai calendar day. */
export const REVEALS_PER_USER_PER_DAY = 50;

/** A submission whose ID number is held outside the caller's scope: kept for the city to check. */
export interface PendingCityReview {
  status: 'pending_city_review';
  requestId: string;
}
type Placement = { status: 'created'; id: string } | PendingCityReview;

/**
 * What a person row's MAC covers. The sealed record joins the MAC only when present, so the MACs of rows
 * written before it stay valid. (Exported for the master-key rotation and the national
 * benchmark's generator, which compute MACs alike.)
 */
export function personMacParts(
  r: Pick<
    PersonsTable,
    'id' | 'name' | 'id_number_bidx' | 'id_number_enc' | 'phone_enc' | 'birth_date' | 'gender' | 'record_enc'
  >,
): (string | null)[] {
  return [
    r.id,
    r.name,
    r.id_number_bidx,
    r.id_number_enc,
    r.phone_enc,
    r.birth_date,
    r.gender,
    ...(r.record_enc ? [r.record_enc] : []),
  ];
}

export function createPeopleService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  orgs: OrgService;
}) {
  const { db, clock, audit, crypto, orgs } = deps;
  const today = () => shanghaiDate(clock.now());

  const macParts = personMacParts;

  const openRecord = (r: Pick<PersonsTable, 'record_enc'>): PersonRecord | null =>
    r.record_enc ? (JSON.parse(crypto.decrypt(r.record_enc)) as PersonRecord) : null;
  const sealRecord = (record: PersonRecord): string | null =>
    isEmptyRecord(record) ? null : crypto.encrypt(JSON.stringify(record));

  /**
   * The person's rules and the record's together, so a form learns every field to fix at once (the ID
   * number's own errors come first: the other checks depend on it).
   */
  function checkAll(input: PersonInput, record: PersonRecord) {
    const recordFields = checkRecord(record, today());
    let checked;
    try {
      checked = checkPerson(input, today());
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED' && recordFields.length > 0)
        throw new AppError('VALIDATION_FAILED', { fields: [...(e.fields ?? []), ...recordFields] });
      throw e;
    }
    if (recordFields.length > 0) throw new AppError('VALIDATION_FAILED', { fields: recordFields });
    return checked;
  }

  async function toFilter(caller: Caller, q: ListQuery): Promise<repo.PersonFilter> {
    const refDate = q.refDate ?? today();
    const f: repo.PersonFilter = { refDate };
    if (q.orgId) f.underPath = (await orgs.loadInScope(caller, q.orgId)).path;
    if (q.role) f.roles = [q.role];
    else if (q.committee === 'party') f.roles = PARTY_COMMITTEE_ROLES;
    else if (q.committee === 'villagers') f.roles = VILLAGERS_COMMITTEE_ROLES;
    if (q.college) f.college = q.college === 'yes';
    // Age on refDate ≥ ageMin ⇔ born on or before refDate − ageMin years.
    if (q.ageMin !== undefined) f.bornTo = shiftYears(refDate, -q.ageMin);
    if (q.ageMax !== undefined) f.bornFrom = nextDay(shiftYears(refDate, -(q.ageMax + 1)));
    if (q.gender) f.gender = q.gender;
    if (q.politicalStatus) f.politicalStatus = q.politicalStatus;
    if (q.q) {
      if (HAN.test(q.q)) f.nameLike = q.q.trim();
      else f.searchKey = normalizeSearchQuery(q.q);
    }
    return f;
  }

  /** Decorate a page of rows with current positions, town names and 一肩挑, in two batched queries. */
  async function decorate(rows: repo.PersonListRow[], refDate: string) {
    const positions = await termsRepo.findActivePositions(
      db,
      rows.map((r) => r.id),
      refDate,
    );
    const townIds = [
      ...new Set(rows.map((r) => r.org_path.split('/').filter(Boolean)[1]).filter((x): x is string => !!x)),
    ];
    const towns = new Map((await repo.findOrgNames(db, townIds)).map((t) => [t.id, t.name]));
    return rows.map((r) => {
      const mine = positions.filter((p) => p.person_id === r.id);
      const secretaryOrgs = new Set(mine.filter((p) => p.role === 'party_secretary').map((p) => p.org_id));
      const townId = r.org_path.split('/').filter(Boolean)[1];
      return {
        id: r.id,
        name: r.name,
        gender: r.gender,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, refDate),
        ethnicity: r.ethnicity,
        education: r.highest_education,
        isCollegeOrAbove: r.is_college === 1,
        politicalStatus: r.political_status,
        idNumberMasked: r.id_number_masked,
        phoneMasked: r.phone_masked,
        orgId: r.org_id,
        orgName: r.org_name,
        townName: townId ? (towns.get(townId) ?? null) : null,
        positions: mine.map((p) => ({ role: p.role, orgId: p.org_id, orgName: p.org_name })),
        isSecretaryDirector: mine.some((p) => p.role === 'director' && secretaryOrgs.has(p.org_id)),
      };
    });
  }

  async function loadPerson(caller: Caller, id: string, conn: Db | Tx = db) {
    const row = await loadInScopeOr404({
      audit,
      caller,
      objectType: 'person',
      id,
      find: () => repo.findById(conn, id, caller.scopePaths),
      exists: () => repo.existsUnscoped(conn, id),
    });
    if (!crypto.verifyMac(macParts(row), row.row_mac)) {
      await audit.recordAlone(caller.actor, {
        action: 'integrity_violation',
        objectType: 'person',
        objectId: id,
        outcome: 'error',
      });
      throw new AppError('INTEGRITY_VIOLATION');
    }
    return row;
  }

  function sensitiveColumns(idNumber: string, phone: string | null) {
    return {
      id_number_enc: crypto.encrypt(idNumber),
      id_number_bidx: crypto.blindIndex(idNumber),
      id_number_masked: maskIdNumber(idNumber),
      phone_enc: phone ? crypto.encrypt(phone) : null,
      phone_bidx: phone ? crypto.blindIndex(phone) : null,
      phone_masked: phone ? maskPhone(phone) : null,
    };
  }

  /**
   * An ID number already on record: a clear 409 when the holder is someone the caller may see; when the
   * holder lies outside the caller's scope, saying "taken" would tell a town that the number exists in
   * another one (an existence oracle), so the submission becomes a request the city checks instead.
   */
  async function duplicateOutcome(
    trx: Tx,
    caller: Caller,
    holder: { id: string; org_path: string },
    ask: {
      kind: DedupeRequestKind;
      bidx: string;
      org: { id: string; path: string };
      subjectId: string | null;
      input: unknown;
    },
  ): Promise<PendingCityReview> {
    if (isWithin(holder.org_path, caller.scopePaths)) throw new AppError('PERSON_ID_NUMBER_TAKEN');
    const requestId = newId(clock.now().getTime());
    await repo.insertDedupeRequest(trx, {
      id: requestId,
      kind: ask.kind,
      status: 'open',
      id_number_bidx: ask.bidx,
      holder_person_id: holder.id,
      subject_person_id: ask.subjectId,
      org_id: ask.org.id,
      org_path: ask.org.path,
      input_enc: crypto.encrypt(JSON.stringify(ask.input)),
      requested_by: caller.userId ?? 'system',
      requested_at: clock.now().toISOString(),
    });
    await audit.record(trx, caller.actor, {
      action: 'person_dedupe_request',
      objectType: 'person_dedupe_request',
      objectId: requestId,
      details: { kind: ask.kind, orgId: ask.org.id, subjectPersonId: ask.subjectId },
    });
    return { status: 'pending_city_review', requestId };
  }

  /** Create one person, or — when the ID number is held outside the caller's scope — refer it to the city. */
  async function placePerson(trx: Tx, caller: Caller, input: PersonInput): Promise<Placement> {
    const record = mergeRecord(null, input.record);
    const checked = checkAll(input, record);
    const org = await orgs.loadInScope(caller, input.orgId, trx).catch(() => {
      throw fieldError('orgId', 'invalid_value');
    });
    const sens = sensitiveColumns(checked.idNumber, checked.phone);
    const holder = await repo.findByIdNumberIndex(trx, sens.id_number_bidx);
    if (holder)
      return duplicateOutcome(trx, caller, holder, {
        kind: 'create',
        bidx: sens.id_number_bidx,
        org,
        subjectId: null,
        input,
      });
    const now = clock.now().toISOString();
    const id = newId(clock.now().getTime());
    const row: PersonsTable = {
      id,
      name: input.name,
      name_search: ' ' + nameSearchKeys(input.name),
      name_sort: nameSortKey(input.name),
      ...nameSearchColumns(input.name),
      gender: checked.gender,
      ethnicity: input.ethnicity,
      birth_date: checked.birthDate,
      ...sens,
      full_time_education: input.fullTimeEducation ?? null,
      in_service_education: input.inServiceEducation ?? null,
      cadre_rank: input.cadreRank ?? null,
      highest_education: checked.highestEducation,
      is_college: checked.isCollege ? 1 : 0,
      degree: input.degree ?? null,
      major: input.major ?? null,
      political_status: input.politicalStatus,
      party_join_date: input.partyJoinDate ?? null,
      work_start_date: input.workStartDate ?? null,
      record_enc: sealRecord(record),
      org_id: org.id,
      org_path: org.path,
      row_mac: '',
      created_at: now,
      updated_at: now,
      version: 1,
    };
    row.row_mac = crypto.mac(macParts(row));
    await repo.insert(trx, row);
    await bumpDataVersion(trx, 'roster');
    await audit.record(trx, caller.actor, {
      action: 'person_create',
      objectType: 'person',
      objectId: id,
      details: {
        subject: maskPersonName(input.name),
        fields: [
          ...Object.keys(input).filter(
            (k) => k !== 'record' && (input as unknown as Record<string, unknown>)[k] != null,
          ),
          ...changedRecordParts(mergeRecord(null, undefined), record),
        ],
        orgId: org.id,
      },
    });
    return { status: 'created', id };
  }

  /** Create inside a transaction (demo builder, imports): the platform's callers never need a city check. */
  async function insertPerson(trx: Tx, caller: Caller, input: PersonInput): Promise<string> {
    const placed = await placePerson(trx, caller, input);
    if (placed.status !== 'created') throw new AppError('PERSON_ID_NUMBER_TAKEN');
    return placed.id;
  }

  const bulk = createPeopleImport({ clock, audit, crypto, macParts, sensitiveColumns });

  type ListPage = { items: Awaited<ReturnType<typeof decorate>>; total: number; next: string | null };
  /**
   * Decorated list pages and the filters' counts, keyed by the roster data version, which every write
   * to persons, positions, terms and orgs bumps in its own transaction (on any instance sharing the
   * database): a page is never stale, and turning pages does not count the subtree again. Keyed by
   * the caller's scope paths too (a page holds only masked values, the same for every caller with
   * that scope); the date that ages and positions are computed on is part of the query. An org
   * outside the scope is never cached: it is refused and audited on every request.
   */
  const listCache = createLruCache<ListPage>(LIST_CACHE_SIZE);
  const countCache = createLruCache<number>(LIST_CACHE_SIZE);

  /** `after`: the opaque keyset of a page's `next` — the last row's sort values. */
  const encodeAfter = (values: readonly string[]) =>
    Buffer.from(JSON.stringify(values)).toString('base64url');
  function decodeAfter(after: string, key: repo.SortKey): string[] {
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    } catch {
      values = null;
    }
    if (
      !Array.isArray(values) ||
      values.length !== repo.SORTS[key].length ||
      !values.every((v) => typeof v === 'string')
    )
      throw fieldError('after', 'invalid_value');
    return values as string[];
  }

  return {
    /**
     * Server-side paged roster in the caller's scope with filters, pinyin search and sorting: by
     * page number, or after a page's `next` (keyset, read in index order from there).
     */
    async listPeople(
      caller: Caller,
      q: ListQuery & { after?: string },
      page: { offset: number; limit: number },
    ): Promise<ListPage> {
      const sort = { key: q.sort ?? 'org', order: q.order ?? 'asc' } as const;
      const after = q.after ? decodeAfter(q.after, sort.key) : undefined;
      const version = await versionFor(db, ROSTER_DATA_VERSION, caller);
      const refDate = q.refDate ?? today();
      const key = JSON.stringify([version, caller.scopePaths, { ...q, refDate }, page.offset, page.limit]);
      const hit = listCache.get(key);
      if (hit) return hit;
      // The scope is checked (and a denial audited) on every request that is not answered from the cache.
      const f = await toFilter(caller, q);
      // Computed once for concurrent requests for the same page (single flight).
      return listCache.getOrCompute(key, async () => {
        // The count is the filters' alone: the same for every page and order.
        const filters = {
          ...q,
          refDate,
          sort: undefined,
          order: undefined,
          after: undefined,
          page: undefined,
          pageSize: undefined,
        };
        const countKey = JSON.stringify([version, caller.scopePaths, filters]);
        const counted = countCache.get(countKey);
        const { rows, total } = await repo.list(
          db,
          f,
          caller.scopePaths,
          sort,
          { ...page, after },
          counted === undefined,
        );
        if (counted === undefined) countCache.set(countKey, total);
        const last = rows.length === page.limit ? rows[rows.length - 1] : undefined;
        return {
          items: await decorate(rows, f.refDate),
          total: counted ?? total,
          next: last ? encodeAfter(repo.sortValues(last, sort.key)) : null,
        };
      });
    },

    /** Rows for an Excel export of the same filters, capped; masked values only. */
    async exportRows(caller: Caller, q: ListQuery, cap: number) {
      const f = await toFilter(caller, q);
      const { rows } = await repo.list(
        db,
        f,
        caller.scopePaths,
        { key: q.sort ?? 'org', order: q.order ?? 'asc' },
        { offset: 0, limit: cap },
        false,
      );
      const items = await decorate(rows, f.refDate);
      await audit.recordAlone(caller.actor, {
        action: 'roster_export',
        objectType: 'person',
        details: { filters: q, rows: items.length },
      });
      return items;
    },

    async getPerson(caller: Caller, id: string) {
      const row = await loadPerson(caller, id);
      const refDate = today();
      const [item] = await decorate([row], refDate);
      const history = await termsRepo.findPositionHistory(db, id);
      return {
        ...item!,
        fullTimeEducation: row.full_time_education,
        inServiceEducation: row.in_service_education,
        degree: row.degree,
        major: row.major,
        partyJoinDate: row.party_join_date,
        workStartDate: row.work_start_date,
        cadreRank: row.cadre_rank ?? null,
        version: row.version,
        record: mergeRecord(openRecord(row), undefined),
        positionHistory: history.map((h) => ({
          id: h.id,
          termId: h.term_id,
          termName: h.term_name ?? null,
          orgId: h.org_id,
          orgName: h.org_name,
          role: h.role,
          startDate: h.start_date,
          endDate: h.end_date,
        })),
      };
    },

    /** Create one person (ID verified, sensitive fields encrypted, audited). */
    async createPerson(caller: Caller, input: PersonInput): Promise<string> {
      return db.transaction().execute((trx) => insertPerson(trx, caller, input));
    },

    /** Create one person for a user: created, or referred to the city when the ID number is held elsewhere. */
    async submitPerson(caller: Caller, input: PersonInput): Promise<Placement> {
      return db.transaction().execute((trx) => placePerson(trx, caller, input));
    },

    insertPerson,

    /** Create one person inside the caller's transaction, or refer it to the city (a campaign's new candidate, an LRMX import). */
    placePerson,

    /** The header search: a few people in the caller's scope whose name or pinyin starts with `q`. */
    /**
     * The people in scope a sign-in sheet may name: by their (normalized) ID numbers and by exact names.
     * Answers names and places only; the ID numbers stay the caller's own.
     */
    async signInCandidates(caller: Caller, idNumbers: readonly string[], names: readonly string[]) {
      const ids = new Map(idNumbers.map((id) => [crypto.blindIndex(id), id]));
      const rows = await repo.findSignInCandidates(
        db,
        {
          bidxs: [...ids.keys()],
          names: [...new Set(names)].map((name) => ({ name, pinyin: fullPinyin(name) })),
        },
        caller.scopePaths,
      );
      const candidate = (r: (typeof rows)[number]) => ({
        id: r.id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        townName: r.town_name,
      });
      const byId = new Map<string, ReturnType<typeof candidate>>();
      const byName = new Map<string, ReturnType<typeof candidate>>();
      for (const r of rows) {
        const id = ids.get(r.id_number_bidx);
        if (id) byId.set(id, candidate(r));
        if (names.includes(r.name)) byName.set(r.id, candidate(r));
      }
      return { byId, byName: [...byName.values()] };
    },

    async findByName(caller: Caller, q: string, limit: number) {
      const han = q.replace(/\s+/g, '');
      let key: { han: string; pinyin: string } | { ascii: string };
      if (/^[\u3400-\u9fff\uf900-\ufaff]+$/.test(han)) key = { han, pinyin: fullPinyin(han) };
      else {
        // Pinyin is letters only: a query with digits or signs (a matter or document number) names nobody.
        const ascii = normalizeSearchQuery(q);
        if (!/^[a-z]{2,}$/.test(ascii)) return [];
        key = { ascii };
      }
      const rows = await repo.findByNameKey(db, key, caller.scopePaths, limit);
      return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name }));
    },

    /** Update with optimistic concurrency; sensitive values are re-encrypted, never logged. */
    async updatePerson(
      caller: Caller,
      id: string,
      version: number,
      patch: Partial<Omit<PersonInput, 'orgId'>>,
      outer?: Tx,
    ): Promise<PendingCityReview | null> {
      // Scope, then version, then the rules and the uniqueness of the ID number: a stale version never
      // reaches the duplicate check, so candidates cannot be tried against it.
      const row = await loadPerson(caller, id, outer);
      if (row.version !== version) throw new AppError('VERSION_CONFLICT');
      const work = async (trx: Tx) => {
        const current: PersonInput = {
          name: row.name,
          idNumber: crypto.decrypt(row.id_number_enc),
          ethnicity: row.ethnicity,
          phone: row.phone_enc ? crypto.decrypt(row.phone_enc) : null,
          fullTimeEducation: row.full_time_education,
          inServiceEducation: row.in_service_education,
          degree: row.degree,
          major: row.major,
          politicalStatus: row.political_status,
          partyJoinDate: row.party_join_date,
          workStartDate: row.work_start_date,
          cadreRank: row.cadre_rank ?? null,
          orgId: row.org_id,
        };
        const next: PersonInput = { ...current, ...patch };
        const storedRecord = mergeRecord(openRecord(row), undefined);
        const record = mergeRecord(storedRecord, patch.record);
        const checked = checkAll(next, record);
        const sens = sensitiveColumns(checked.idNumber, checked.phone);
        const holder =
          sens.id_number_bidx !== row.id_number_bidx
            ? await repo.findByIdNumberIndex(trx, sens.id_number_bidx)
            : undefined;
        if (holder)
          return duplicateOutcome(trx, caller, holder, {
            kind: 'update',
            bidx: sens.id_number_bidx,
            org: { id: row.org_id, path: row.org_path },
            subjectId: id,
            input: patch,
          });
        const changed = [
          ...Object.keys(patch).filter(
            (k) =>
              k !== 'record' &&
              (patch as Record<string, unknown>)[k] !== (current as unknown as Record<string, unknown>)[k],
          ),
          ...changedRecordParts(storedRecord, record),
        ];
        const cols: Partial<PersonsTable> = {
          name: next.name,
          name_search: ' ' + nameSearchKeys(next.name),
          name_sort: nameSortKey(next.name),
          ...nameSearchColumns(next.name),
          gender: checked.gender,
          birth_date: checked.birthDate,
          ethnicity: next.ethnicity,
          ...(changed.includes('idNumber') || changed.includes('phone') ? sens : {}),
          full_time_education: next.fullTimeEducation ?? null,
          in_service_education: next.inServiceEducation ?? null,
          highest_education: checked.highestEducation,
          is_college: checked.isCollege ? 1 : 0,
          degree: next.degree ?? null,
          major: next.major ?? null,
          political_status: next.politicalStatus,
          party_join_date: next.partyJoinDate ?? null,
          work_start_date: next.workStartDate ?? null,
          cadre_rank: next.cadreRank ?? null,
          record_enc: changed.some((k) => k.startsWith('record.')) ? sealRecord(record) : row.record_enc,
          updated_at: clock.now().toISOString(),
        };
        const merged = { ...row, ...cols };
        cols.row_mac = crypto.mac(macParts(merged));
        if (!(await repo.update(trx, id, version, cols))) throw new AppError('VERSION_CONFLICT');
        await bumpDataVersion(trx, 'roster');
        await audit.record(trx, caller.actor, {
          action: 'person_update',
          objectType: 'person',
          objectId: id,
          details: {
            subject: maskPersonName(next.name),
            fields: changed,
            changes: auditedChanges(current, next, changed),
          },
        });
        return null;
      };
      return outer ? work(outer) : db.transaction().execute(work);
    },

    /** What a person's 任免审批表 is written from (scoped like getPerson), with the version read. */
    /** Set the 职级 of an organ cadre (the pipeline's rank rule reads it); audited. */
    async setCadreRank(caller: Caller, id: string, rank: CadreRank | null, trx?: Tx): Promise<void> {
      const work = async (t: Tx) => {
        const row = await loadPerson(caller, id, t);
        await repo.setCadreRank(t, row.id, rank);
        await audit.record(t, caller.actor, {
          action: 'person_rank_set',
          objectType: 'person',
          objectId: row.id,
          details: { rank },
        });
      };
      return trx ? work(trx) : db.transaction().execute(work);
    },

    async cadreSource(caller: Caller, id: string, trx?: Tx) {
      const row = await loadPerson(caller, id, trx);
      const positions = await termsRepo.findActivePositions(trx ?? db, [id], today());
      return {
        id,
        version: row.version,
        orgId: row.org_id,
        source: {
          name: row.name,
          gender: row.gender,
          birthDate: row.birth_date,
          ethnicity: row.ethnicity,
          idNumber: crypto.decrypt(row.id_number_enc),
          fullTimeEducation: row.full_time_education,
          inServiceEducation: row.in_service_education,
          degree: row.degree,
          partyJoinDate: row.party_join_date,
          workStartDate: row.work_start_date,
          positions: positions.map((p) => ({ role: p.role, orgName: p.org_name })),
          record: mergeRecord(openRecord(row), undefined),
        } satisfies CadreSource,
      };
    },

    /** The ids of the roster's filtered list (the same filters and order as the list), at most `cap`. */
    async listIds(caller: Caller, q: ListQuery, cap: number): Promise<{ ids: string[]; total: number }> {
      const f = await toFilter(caller, q);
      const { rows, total } = await repo.list(
        db,
        f,
        caller.scopePaths,
        { key: q.sort ?? 'org', order: q.order ?? 'asc' },
        { offset: 0, limit: cap },
      );
      return { ids: rows.map((r) => r.id), total };
    },

    /** Open city-level dedupe requests the caller can judge (sees both the asking org and the holder). */
    async listDedupeRequests(caller: Caller) {
      const rows = await repo.listOpenDedupeRequests(db, caller.scopePaths);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        requestedAt: r.requested_at,
        requestedBy: r.requested_by ?? null,
        orgId: r.org_id,
        orgName: r.org_name,
        subjectPersonId: r.subject_person_id,
        holder: {
          id: r.holder_id,
          name: r.holder_name,
          orgName: r.holder_org_name,
          idNumberMasked: r.holder_id_number_masked,
        },
      }));
    },

    /**
     * Reveal one sensitive field: needs pii:reveal, a reason, and leaves an audit row (reason, never the
     * value). Counted per user and day only once the reveal is allowed (after authentication, permission
     * and scope), so nobody else's requests can use up a user's allowance; over it → 429, audited.
     */
    async revealSensitive(
      caller: Caller,
      id: string,
      field: 'idNumber' | 'phone',
      reason: string,
    ): Promise<string | null> {
      const row = await loadPerson(caller, id);
      const allowed = await db.transaction().execute(async (trx) => {
        if (caller.userId) {
          const used = await repo.takeRevealQuota(trx, caller.userId, today(), REVEALS_PER_USER_PER_DAY);
          if (used === undefined) {
            await audit.record(trx, caller.actor, {
              action: 'pii_reveal_limited',
              objectType: 'person',
              objectId: id,
              outcome: 'denied',
              details: { subject: maskPersonName(row.name), field, limit: REVEALS_PER_USER_PER_DAY },
            });
            return false;
          }
        }
        await audit.record(trx, caller.actor, {
          action: 'pii_reveal',
          objectType: 'person',
          objectId: id,
          details: { subject: maskPersonName(row.name), field, reason },
        });
        return true;
      });
      if (!allowed) throw new AppError('PII_REVEAL_LIMIT');
      const enc = field === 'idNumber' ? row.id_number_enc : row.phone_enc;
      return enc ? crypto.decrypt(enc) : null;
    },

    /** Holders of a file's ID numbers (the import): in the caller's scope with their id, or only "elsewhere". */
    matchIdNumbers: (caller: Caller, idNumbers: readonly string[], trx?: Tx) =>
      bulk.matchIdNumbers(trx ?? db, caller, idNumbers),

    /** The open term of each seat an import names (see people-import.ts). */
    openTermFor: (seats: Parameters<typeof bulk.openTermFor>[1], trx?: Tx) =>
      bulk.openTermFor(trx ?? db, seats),

    /** The import's commit of many people inside the caller's transaction (see people-import.ts). */
    importPeople: bulk.importPeople,

    /** Run `fn` in one transaction: for callers that write people, terms and seats together (demo, imports). */
    transaction: <T>(fn: (trx: Tx) => Promise<T>) => db.transaction().execute(fn),
  };
}

function nextDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
