import { createHash } from 'node:crypto';
import {
  EMPTY_PERSON_RECORD,
  errorMessage,
  type ApplyLrmxBody,
  type ErrorCode,
  type Lang,
  type LrmxDifference,
  type LrmxFileResult,
  type LrmxFileStatus,
  type LrmxSession,
} from '@xinhuo/shared';
import type { Db } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError, type FieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { diffCadreRecords, type CadreDifference, type CadreField } from '../../platform/lrmx/cadre-diff';
import { renderCadreForm } from '../../platform/lrmx/cadre-form-pdf';
import { emptyCadreRecord, type CadreRecord, type FamilyMember } from '../../platform/lrmx/cadre-record';
import { parseLrmx, writeLrmx } from '../../platform/lrmx/lrmx';
import { readLrmxZip, writeLrmxZip, type LrmxZipEntry } from '../../platform/lrmx/lrmx-zip';
import {
  LRMX_IMPORT_FIELDS,
  cadreRecordOf,
  patchFromCadre,
  politicalStatusOf,
  type ListQuery,
  type PeopleService,
} from '../people';
import * as repo from './lrmx.repository';
import type { LrmxSessionsTable } from './lrmx.tables';

export type LrmxService = ReturnType<typeof createLrmxService>;

/** A session is kept this long (it holds sealed personal data): a day, like an Excel import's upload. */
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** Files one upload may hold: a town's cadres, not a county's archive in one go. */
export const LRMX_SESSION_MAX_FILES = 1000;
/** People one roster export may hold: each file is tens of KiB with its photo. */
export const LRMX_EXPORT_CAP = 500;

/** A file of a session as kept (sealed): the record read, its match and the differences shown. */
interface StoredFile {
  index: number;
  name: string;
  status: LrmxFileStatus;
  personId: string | null;
  /** The person's version when the file was compared: the apply refuses if it moved since. */
  personVersion: number | null;
  personName: string | null;
  errorCode: ErrorCode | null;
  differences: LrmxDifference[];
  /** The record with its photo in Base64 (null for a refused file). */
  record: (Omit<CadreRecord, 'photo'> & { photo: string | null }) | null;
  result: LrmxFileResult | null;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const isZip = (bytes: Buffer) => ZIP_MAGIC.every((b, i) => bytes[i] === b);

const familyLine = (m: FamilyMember) =>
  [m.relation, m.name, m.birthMonth, m.politicalStatus, m.workUnitAndPost].filter((x) => x.trim()).join(' ');

const photoSummary = (p: Buffer | null) =>
  p ? `${p[0] === 0x89 ? 'PNG' : 'JPEG'}, ${Math.max(1, Math.round(p.length / 1024))} KB` : '';

/** A difference as the page shows it: text as it is, the family a member a line, the photo by kind and size. */
function differenceView(d: CadreDifference): LrmxDifference {
  if (d.field === 'family')
    return {
      field: d.field,
      label: d.label,
      before: d.before.map(familyLine).join('\n'),
      after: d.after.map(familyLine).join('\n'),
    };
  if (d.field === 'photo')
    return { field: d.field, label: d.label, before: photoSummary(d.before), after: photoSummary(d.after) };
  return { field: d.field, label: d.label, before: d.before, after: d.after };
}

const keep = (r: CadreRecord): NonNullable<StoredFile['record']> => ({
  ...r,
  photo: r.photo ? r.photo.toString('base64') : null,
});
const restore = (r: NonNullable<StoredFile['record']>): CadreRecord => ({
  ...r,
  photo: r.photo ? Buffer.from(r.photo, 'base64') : null,
});

/**
 * LRMX exchange: an upload of .lrmx files read (refusing what is hostile before expanding it), matched by
 * ID number in the caller's scope only and compared field by field with the roster, kept as the caller's
 * session; the apply of the accepted fields in one transaction; the export of a person, of the filtered
 * roster as a .zip, and of the 干部任免审批表 as a PDF.
 */
export function createLrmxService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  people: PeopleService;
}) {
  const { db, clock, audit, crypto, people } = deps;
  const today = () => shanghaiDate(clock.now());

  function view(row: LrmxSessionsTable, files: StoredFile[], lang: Lang): LrmxSession {
    return {
      id: row.id,
      fileName: row.file_name,
      status: row.status,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      appliedAt: row.applied_at,
      files: files.map((f) => ({
        index: f.index,
        name: f.name,
        status: f.status,
        personId: f.personId,
        personName: f.personName,
        errorCode: f.errorCode,
        errorMessage: f.errorCode ? errorMessage(f.errorCode, lang) : null,
        differences: f.differences,
        result: f.result,
      })),
    };
  }

  const seal = (files: StoredFile[]) => crypto.sealBytes(Buffer.from(JSON.stringify(files), 'utf8'));
  const open = (row: LrmxSessionsTable) =>
    JSON.parse(crypto.openBytes(row.key_id, Buffer.from(row.content)).toString('utf8')) as StoredFile[];

  async function load(caller: Caller, id: string) {
    const row = caller.userId
      ? await repo.findById(db, id, caller.userId, clock.now().toISOString())
      : undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  /** The records of an upload: a .zip's files each read on its own, a single file refused as a whole. */
  function readUpload(file: { name: string; bytes: Buffer }): LrmxZipEntry[] {
    if (isZip(file.bytes)) return readLrmxZip(file.bytes).entries;
    if (!/\.lrmx?$/i.test(file.name)) throw new AppError('LRMX_FILE_UNSUPPORTED');
    return [{ name: file.name, record: parseLrmx(file.bytes, file.name) }];
  }

  /**
   * Each record matched to a person by ID number — in the caller's scope only: a holder elsewhere is "new"
   * exactly like no holder (the apply then refers it to the city, as the person form does).
   */
  async function compare(caller: Caller, entries: LrmxZipEntry[]): Promise<StoredFile[]> {
    const idOf = (r: CadreRecord) => r.idNumber.trim().toUpperCase();
    const ids = entries.flatMap((e) => ('record' in e && idOf(e.record) ? [idOf(e.record)] : []));
    const holders = await people.matchIdNumbers(caller, ids);
    const out: StoredFile[] = [];
    const seen = new Set<string>();
    for (const [index, raw] of entries.entries()) {
      const base = { index, name: raw.name, result: null };
      // A second file of one person would be applied over the first: only the first is compared.
      const id = 'record' in raw ? idOf(raw.record) : '';
      const e: LrmxZipEntry =
        id !== '' && seen.has(id) ? { name: raw.name, error: 'LRMX_DUPLICATE_ID', detail: '' } : raw;
      if (id !== '') seen.add(id);
      if (!('record' in e)) {
        out.push({
          ...base,
          status: 'error',
          personId: null,
          personVersion: null,
          personName: null,
          errorCode: e.error,
          differences: [],
          record: null,
        });
        continue;
      }
      const held = holders.get(idOf(e.record));
      if (held?.inScope) {
        const src = await people.cadreSource(caller, held.id);
        const before = cadreRecordOf(src.source, today());
        out.push({
          ...base,
          status: 'matched',
          personId: held.id,
          personVersion: src.version,
          personName: src.source.name,
          errorCode: null,
          differences: diffCadreRecords(before, e.record, LRMX_IMPORT_FIELDS).map(differenceView),
          record: keep(e.record),
        });
      } else {
        out.push({
          ...base,
          status: 'new',
          personId: null,
          personVersion: null,
          personName: e.record.name,
          errorCode: null,
          differences: diffCadreRecords(emptyCadreRecord(), e.record, LRMX_IMPORT_FIELDS).map(differenceView),
          record: keep(e.record),
        });
      }
    }
    return out;
  }

  /** Field errors of one file, named by the file so the page can say which one. */
  const inFile = (name: string, fields: readonly FieldError[]) =>
    fields.map((f) => ({ path: `${name}: ${f.path}`, reason: f.reason }));

  return {
    /** Read an upload, compare it with the roster and keep it as the caller's session. */
    async upload(caller: Caller, file: { name: string; bytes: Buffer }, lang: Lang): Promise<LrmxSession> {
      if (!caller.userId) throw new AppError('AUTH_REQUIRED');
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      let entries: LrmxZipEntry[];
      try {
        entries = readUpload(file);
        if (entries.length > LRMX_SESSION_MAX_FILES) throw new AppError('LRMX_TOO_MANY_FILES');
      } catch (err) {
        // A refused upload stores nothing but leaves its trace: which file (by hash) and why.
        if (err instanceof AppError)
          await audit.recordAlone(caller.actor, {
            action: 'lrmx_rejected',
            objectType: 'lrmx_session',
            outcome: 'denied',
            details: { fileSha256: sha256, bytes: file.bytes.length, code: err.code },
          });
        throw err;
      }
      const files = await compare(caller, entries);
      const now = clock.now();
      await repo.deleteExpired(db, now.toISOString());
      const sealed = seal(files);
      const row: LrmxSessionsTable = {
        id: newId(now.getTime()),
        created_by: caller.userId,
        file_name: file.name.slice(0, 255),
        file_sha256: sha256,
        status: 'open',
        key_id: sealed.keyId,
        content: sealed.sealed,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
        applied_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, row);
        await audit.record(trx, caller.actor, {
          action: 'lrmx_upload',
          objectType: 'lrmx_session',
          objectId: row.id,
          details: {
            fileSha256: row.file_sha256,
            files: files.length,
            matched: files.filter((f) => f.status === 'matched').length,
            refused: files.filter((f) => f.status === 'error').length,
          },
        });
      });
      return view(row, files, lang);
    },

    async get(caller: Caller, id: string, lang: Lang): Promise<LrmxSession> {
      const row = await load(caller, id);
      return view(row, open(row), lang);
    },

    /**
     * Write the accepted fields of every file listed, in one transaction: a person changed since the
     * comparison (another version) refuses the whole apply, as does any field the roster cannot take.
     */
    async apply(caller: Caller, id: string, body: ApplyLrmxBody, lang: Lang): Promise<LrmxSession> {
      const row = await load(caller, id);
      if (row.status !== 'open') throw new AppError('LRMX_SESSION_APPLIED');
      const files = open(row);
      const decisions = new Map(body.files.map((d) => [d.index, d]));
      const applied = await db.transaction().execute(async (trx) => {
        const issues: FieldError[] = [];
        for (const f of files) {
          const d = decisions.get(f.index);
          if (!d || f.status === 'error' || !f.record) {
            f.result = f.status === 'error' ? null : 'skipped';
            continue;
          }
          const record = restore(f.record);
          const offered = new Set(f.differences.map((x) => x.field));
          const accepted = d.accept.filter((x): x is CadreField => offered.has(x));
          try {
            if (f.status === 'matched') {
              const src = await people.cadreSource(caller, f.personId!, trx);
              if (src.version !== f.personVersion) throw new AppError('LRMX_STALE');
              if (accepted.length === 0) {
                f.result = 'unchanged';
                continue;
              }
              const { patch, issues: bad } = patchFromCadre(record, accepted, src.source.record, src.source);
              if (bad.length > 0) {
                issues.push(...inFile(f.name, bad));
                continue;
              }
              await people.updatePerson(caller, f.personId!, src.version, patch, trx);
              f.result = 'updated';
            } else {
              if (!d.orgId) {
                issues.push({ path: `${f.name}: orgId`, reason: 'required' });
                continue;
              }
              const { patch, issues: bad } = patchFromCadre(record, accepted, EMPTY_PERSON_RECORD);
              if (bad.length > 0) {
                issues.push(...inFile(f.name, bad));
                continue;
              }
              const placed = await people.placePerson(trx, caller, {
                ethnicity: '',
                ...patch,
                name: patch.name ?? record.name.trim(),
                idNumber: record.idNumber.trim(),
                politicalStatus: politicalStatusOf(record),
                orgId: d.orgId,
              });
              f.result = placed.status === 'created' ? 'created' : 'pending_city_review';
              if (placed.status === 'created') f.personId = placed.id;
            }
          } catch (err) {
            if (err instanceof AppError && err.code === 'VALIDATION_FAILED' && err.fields) {
              issues.push(...inFile(f.name, err.fields));
              continue;
            }
            throw err;
          }
        }
        if (issues.length > 0) throw new AppError('LRMX_FIELD_UNUSABLE', { fields: issues });
        const sealed = seal(files);
        const appliedAt = clock.now().toISOString();
        if (
          !(await repo.markApplied(trx, id, {
            key_id: sealed.keyId,
            content: sealed.sealed,
            applied_at: appliedAt,
          }))
        )
          throw new AppError('LRMX_SESSION_APPLIED');
        const count = (r: LrmxFileResult) => files.filter((f) => f.result === r).length;
        await audit.record(trx, caller.actor, {
          action: 'lrmx_apply',
          objectType: 'lrmx_session',
          objectId: id,
          details: {
            updated: count('updated'),
            created: count('created'),
            unchanged: count('unchanged'),
            pendingCityReview: count('pending_city_review'),
            skipped: count('skipped'),
          },
        });
        return { ...row, status: 'applied' as const, applied_at: appliedAt };
      });
      return view(applied, files, lang);
    },

    /** One person's .lrmx (scoped like the person page), audited as an export. */
    async exportPerson(caller: Caller, personId: string): Promise<{ name: string; bytes: Buffer }> {
      const src = await people.cadreSource(caller, personId);
      const bytes = writeLrmx(cadreRecordOf(src.source, today()));
      await audit.recordAlone(caller.actor, {
        action: 'lrmx_export',
        objectType: 'person',
        objectId: personId,
      });
      return { name: src.source.name, bytes };
    },

    /** The filtered roster as a .zip of .lrmx (the list's filters), refused above the cap; audited. */
    async exportRoster(caller: Caller, q: ListQuery): Promise<Buffer> {
      const { ids, total } = await people.listIds(caller, q, LRMX_EXPORT_CAP);
      if (total > LRMX_EXPORT_CAP) throw new AppError('LRMX_EXPORT_TOO_MANY');
      const records: CadreRecord[] = [];
      for (const id of ids)
        records.push(cadreRecordOf((await people.cadreSource(caller, id)).source, today()));
      await audit.recordAlone(caller.actor, {
        action: 'lrmx_export',
        objectType: 'person',
        details: { filters: q, people: records.length },
      });
      return writeLrmxZip(records, clock.now());
    },

    /** The 干部任免审批表 of a person as a two-page PDF, audited as an export. */
    async cadreFormPdf(caller: Caller, personId: string): Promise<{ name: string; bytes: Buffer }> {
      const src = await people.cadreSource(caller, personId);
      const bytes = await renderCadreForm(cadreRecordOf(src.source, today()), { asOf: today() });
      await audit.recordAlone(caller.actor, {
        action: 'cadre_form_export',
        objectType: 'person',
        objectId: personId,
      });
      return { name: src.source.name, bytes };
    },
  };
}
