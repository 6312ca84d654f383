import { createHash } from 'node:crypto';
import {
  duplicateIdIssues,
  fieldMessage,
  validateImportRow,
  type ImportExistingMode,
  type ImportIssueItem,
  type ImportIssuesQuery,
  type ImportJob,
  type ImportRow,
  type Lang,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditTrail } from '../../platform/audit/audit';
import type { Caller } from '../../platform/caller';
import { shanghaiDate, type Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError } from '../../platform/errors';
import { writeAnnotatedCopy } from '../../platform/excel/annotated-copy';
import { readImportWorkbook } from '../../platform/excel/import-reader';
import { writeImportTemplate } from '../../platform/excel/import-template';
import { newId } from '../../platform/ids';
import type { OrgService } from '../org';
import type { ImportedPerson, PeopleService } from '../people';
import * as repo from './imports.repository';
import type { ImportJobsTable } from './imports.tables';
import { resolveOrgs, type OrgResolver } from './org-resolver';
import { TEMPLATE_INSTRUCTIONS, TEMPLATE_SHEET, rosterColumns } from './roster-columns';

export type ImportsService = ReturnType<typeof createImportsService>;

/** An upload is kept (sealed) this long when it is never committed. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** The job's counters are written every this many rows while the file is read and checked. */
const PROGRESS_EVERY = 2000;

/** What a check of the whole file gives: the report and, when it has no error, the people to write. */
interface CheckedFile {
  rows: number;
  issues: ImportIssueItem[];
  errorRows: number;
  people: ImportedPerson[];
  existing: number;
}

function toJob(r: ImportJobsTable): ImportJob {
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    existingMode: r.existing_mode,
    phase: r.phase,
    done: r.done,
    total: r.total,
    counts: {
      rows: r.row_count,
      errorRows: r.error_rows,
      newPeople: r.new_people,
      existingPeople: r.existing_people,
    },
    result:
      r.created_count === null
        ? null
        : { created: r.created_count, updated: r.updated_count ?? 0, skipped: r.skipped_count ?? 0 },
    createdAt: r.created_at,
    committedAt: r.committed_at,
  };
}

/** An issue's text as the annotated copy writes it: the reason, and the nearest codes when there are some. */
function issueText(i: ImportIssueItem, lang: Lang): string {
  const base = fieldMessage(i.code, lang);
  if (!i.suggestions || i.suggestions.length === 0) return base;
  const names = i.suggestions
    .map((s) => `${s.code} ${lang === 'en' ? s.en : s.zh}`)
    .join(lang === 'en' ? ', ' : '、');
  return lang === 'en' ? `${base} (did you mean: ${names})` : `${base}（可能是：${names}）`;
}

/**
 * The roster import: the template; an upload checked in full as a dry run (a report per row and column);
 * the report as an annotated copy of the upload; then the commit of every row in one transaction, or
 * none. A job belongs to the user who uploaded it; the upload is kept sealed until the commit or a day.
 */
export function createImportsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  orgs: OrgService;
  people: PeopleService;
  /** Tests only: called inside the commit's transaction after the people are written. */
  faults?: { midCommit?: () => void | Promise<void> };
}) {
  const { db, clock, audit, crypto, orgs, people } = deps;
  const today = () => shanghaiDate(clock.now());

  async function loadJob(caller: Caller, id: string, conn: Db | Tx = db): Promise<ImportJobsTable> {
    const row = caller.userId ? await repo.findById(conn, id, caller.userId) : undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async function openUpload(job: ImportJobsTable): Promise<Buffer> {
    const stored = await repo.findUpload(db, job.id);
    if (!stored || job.expires_at < clock.now().toISOString()) throw new AppError('IMPORT_JOB_NOT_READY');
    return crypto.openBytes(stored.key_id, Buffer.from(stored.content));
  }

  /**
   * Read and check the whole file against the roster as it is now: every issue of the row validator, the
   * same ID twice in the file, the org in the caller's scope, and the ID numbers already on record.
   */
  async function checkFile(
    caller: Caller,
    bytes: Buffer,
    progress: (phase: 'parse' | 'validate', done: number, total: number) => Promise<void>,
  ): Promise<CheckedFile> {
    const on = today();
    const read: { row: number; values: ImportRow; findings: { column: string; reason: string }[] }[] = [];
    await readImportWorkbook(bytes, rosterColumns('zh-CN'), {
      onRow: async (r) => {
        read.push({ row: r.row, values: r.values as ImportRow, findings: r.findings });
        if (read.length % PROGRESS_EVERY === 0) await progress('parse', read.length, 0);
      },
    });
    const resolver: OrgResolver = await resolveOrgs(orgs, caller);
    const issues: ImportIssueItem[] = [];
    const duplicates = duplicateIdIssues(
      read.map((r) => r.values),
      on,
    );
    const candidates: { row: number; person: ImportedPerson }[] = [];
    const errorRows = new Set<number>();
    for (let i = 0; i < read.length; i++) {
      const r = read[i]!;
      const rowIssues: ImportIssueItem[] = r.findings.map((f) => ({
        row: r.row,
        column: f.column,
        code: f.reason,
        severity: 'error',
      }));
      const checked = validateImportRow(r.values, on);
      for (const x of checked.issues) {
        rowIssues.push({
          row: r.row,
          column: x.column,
          code: x.code,
          severity: x.severity,
          ...(x.params ? { params: x.params } : {}),
          ...(x.suggestions ? { suggestions: x.suggestions.map((s) => ({ ...s })) } : {}),
        });
      }
      const dup = duplicates.get(i);
      if (dup) {
        rowIssues.push({
          row: r.row,
          column: dup.column,
          code: dup.code,
          severity: 'error',
          params: { firstRow: read[Number(dup.params?.firstRow ?? 0)]!.row },
        });
      }
      const v = checked.value;
      let org: { id: string; path: string } | null = null;
      if (v) {
        org = resolver(v.orgPath);
        if (!org)
          rowIssues.push({ row: r.row, column: 'org', code: 'IMPORT_ORG_NOT_FOUND', severity: 'error' });
      }
      if (rowIssues.some((x) => x.severity === 'error')) errorRows.add(r.row);
      else if (v && org) {
        const { orgPath: _path, position, ...rest } = v;
        candidates.push({
          row: r.row,
          person: {
            ...rest,
            org,
            position: position && { role: position.role, startDate: position.startDate },
          },
        });
      }
      issues.push(...rowIssues);
      if ((i + 1) % PROGRESS_EVERY === 0) await progress('validate', i + 1, read.length);
    }
    // The ID numbers already on record: in scope → updated or skipped; elsewhere → the row cannot be
    // imported here, said without naming who holds it or where (the city reviews such cases).
    const holders = await people.matchIdNumbers(
      caller,
      candidates.map((c) => c.person.idNumber),
    );
    const out: ImportedPerson[] = [];
    let existing = 0;
    const extra: ImportIssueItem[] = [];
    for (const c of candidates) {
      const held = holders.get(c.person.idNumber);
      if (!held) {
        out.push(c.person);
        continue;
      }
      const sheetRow = c.row;
      if (held.inScope) {
        existing += 1;
        out.push(c.person);
        extra.push({ row: sheetRow, column: 'idNumber', code: 'IMPORT_PERSON_EXISTS', severity: 'warning' });
      } else {
        errorRows.add(sheetRow);
        extra.push({
          row: sheetRow,
          column: 'idNumber',
          code: 'IMPORT_ID_HELD_ELSEWHERE',
          severity: 'error',
        });
      }
    }
    await progress('validate', read.length, read.length);
    const all = [...issues, ...extra].sort((a, b) => a.row - b.row);
    return { rows: read.length, issues: all, errorRows: errorRows.size, people: out, existing };
  }

  return {
    /** The template workbook in the given language. */
    template(lang: Lang): Promise<Buffer> {
      return writeImportTemplate(rosterColumns(lang), {
        lang,
        sheetName: TEMPLATE_SHEET,
        instructions: TEMPLATE_INSTRUCTIONS,
      });
    },

    /** Store the upload sealed, check it in full (the dry run) and return the job with its counts. */
    async upload(caller: Caller, file: { name: string; bytes: Buffer }): Promise<ImportJob> {
      if (!caller.userId) throw new AppError('AUTH_REQUIRED');
      const now = clock.now();
      await repo.deleteExpiredUploads(db, now.toISOString());
      const id = newId(now.getTime());
      const sealed = crypto.sealBytes(file.bytes);
      const job: ImportJobsTable = {
        id,
        status: 'validating',
        existing_mode: 'skip',
        file_name: file.name.slice(0, 255),
        file_sha256: createHash('sha256').update(file.bytes).digest('hex'),
        created_by: caller.userId,
        org_path: caller.scopePaths[0] ?? '/',
        phase: 'parse',
        done: 0,
        total: 0,
        row_count: 0,
        error_rows: 0,
        new_people: 0,
        existing_people: 0,
        issues: '[]',
        created_count: null,
        updated_count: null,
        skipped_count: null,
        created_at: now.toISOString(),
        committed_at: null,
        expires_at: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, job);
        await repo.insertUpload(trx, { job_id: id, key_id: sealed.keyId, content: sealed.sealed });
        await audit.record(trx, caller.actor, {
          action: 'import_upload',
          objectType: 'import_job',
          objectId: id,
          details: { fileSha256: job.file_sha256, bytes: file.bytes.length },
        });
      });
      try {
        const checked = await checkFile(caller, file.bytes, (phase, done, total) =>
          repo.update(db, id, { phase, done, total }),
        );
        await repo.update(db, id, {
          status: 'ready',
          phase: 'validate',
          done: checked.rows,
          total: checked.rows,
          row_count: checked.rows,
          error_rows: checked.errorRows,
          new_people: checked.people.length - checked.existing,
          existing_people: checked.existing,
          issues: JSON.stringify(checked.issues),
        });
      } catch (err) {
        // A file unusable as a whole (not a workbook, no header…): the job fails and its upload goes.
        await db.transaction().execute(async (trx) => {
          await repo.update(trx, id, { status: 'failed' });
          await repo.deleteUpload(trx, id);
        });
        throw err;
      }
      return toJob(await loadJob(caller, id));
    },

    async getJob(caller: Caller, id: string): Promise<ImportJob> {
      return toJob(await loadJob(caller, id));
    },

    /** A page of the report, optionally one reason only, with the count of each reason for the filter. */
    async listIssues(caller: Caller, id: string, q: ImportIssuesQuery & { page: number; pageSize: number }) {
      const job = await loadJob(caller, id);
      const all = JSON.parse(job.issues) as ImportIssueItem[];
      const counts = new Map<string, number>();
      for (const i of all) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
      const chosen = q.code ? all.filter((i) => i.code === q.code) : all;
      const start = (q.page - 1) * q.pageSize;
      return {
        items: chosen.slice(start, start + q.pageSize),
        total: chosen.length,
        page: q.page,
        pageSize: q.pageSize,
        codes: [...counts].map(([code, count]) => ({ code, count })),
      };
    },

    /** The uploaded workbook with each problem on its cell (while the upload is kept). */
    async annotatedCopy(caller: Caller, id: string, lang: Lang): Promise<Buffer> {
      const job = await loadJob(caller, id);
      const bytes = await openUpload(job);
      const issues = (JSON.parse(job.issues) as ImportIssueItem[]).map((i) => ({
        row: i.row,
        column: i.column,
        message: issueText(i, lang),
      }));
      return writeAnnotatedCopy(bytes, rosterColumns(lang), issues, { lang });
    },

    /**
     * Import every row in one transaction, or nothing. The file is checked again against the roster as
     * it is now (it may have changed since the dry run); any error refuses the whole file.
     */
    async commit(caller: Caller, id: string, existingMode: ImportExistingMode): Promise<ImportJob> {
      const job = await loadJob(caller, id);
      if (job.status === 'ready' && job.error_rows > 0) throw new AppError('IMPORT_HAS_ERRORS');
      const bytes = await openUpload(job);
      if (!(await repo.updateStatus(db, id, 'ready', { status: 'committing', existing_mode: existingMode })))
        throw new AppError('IMPORT_JOB_NOT_READY');
      try {
        const checked = await checkFile(caller, bytes, async () => {});
        if (checked.errorRows > 0) {
          await repo.update(db, id, {
            status: 'ready',
            error_rows: checked.errorRows,
            issues: JSON.stringify(checked.issues),
          });
          throw new AppError('IMPORT_HAS_ERRORS');
        }
        await repo.update(db, id, { phase: 'commit', done: 0, total: checked.people.length });
        await db.transaction().execute(async (trx) => {
          const outcome = await people.importPeople(trx, caller, id, checked.people, existingMode);
          await deps.faults?.midCommit?.();
          const committedAt = clock.now().toISOString();
          await repo.update(trx, id, {
            status: 'committed',
            done: checked.people.length,
            created_count: outcome.created.length,
            updated_count: outcome.updated.length,
            skipped_count: outcome.unchanged,
            committed_at: committedAt,
          });
          await repo.deleteUpload(trx, id);
          await audit.record(trx, caller.actor, {
            action: 'import_commit',
            objectType: 'import_job',
            objectId: id,
            details: {
              fileSha256: job.file_sha256,
              existingMode,
              created: outcome.created.length,
              updated: outcome.updated.length,
              unchanged: outcome.unchanged,
            },
          });
        });
      } catch (err) {
        await repo.updateStatus(db, id, 'committing', { status: 'ready' });
        throw err;
      }
      return toJob(await loadJob(caller, id));
    },
  };
}
