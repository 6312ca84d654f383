import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import {
  ERRORS,
  duplicateIdTracker,
  errorMessage,
  type Committee,
  type ErrorCode,
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
import { IMPORT_BATCH, type ImportedPerson, type PeopleService } from '../people';
import * as repo from './imports.repository';
import type { ImportJobsTable } from './imports.tables';
import { resolveOrgs, scopeOrgPaths, type OrgResolver } from './org-resolver';
import { TEMPLATE_INSTRUCTIONS, TEMPLATE_SHEET, rosterColumns } from './roster-columns';

export type ImportsService = ReturnType<typeof createImportsService>;

/** An upload is kept (sealed) this long when it is never committed. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** The job's counters are written every this many rows while the file is read and checked. */
const PROGRESS_EVERY = 2000;

/** What a check of the whole file gives: the report and its counts (the people themselves were kept by batch). */
interface CheckedFile {
  rows: number;
  issues: ImportIssueItem[];
  errorRows: number;
  /** People the commit would write: new ones and those already on record in scope. */
  people: number;
  existing: number;
}

/**
 * One row the dry run found fit to write, as kept (sealed, per batch of `IMPORT_BATCH`) for the commit:
 * its row number (for the commit's report), the person, and the committee of its seat (the seat's term is
 * looked up again at commit).
 */
interface CheckedPerson {
  row: number;
  person: ImportedPerson;
  committee: Committee | null;
}

/** The commit's re-check found rows that can no longer be written: the transaction is rolled back. */
class StaleCheck extends Error {}

/** Why a failed job stopped: the one issue its report holds, row 0 (see `failJob`). */
function failureOf(r: ImportJobsTable, lang: Lang): ImportJob['failure'] {
  if (r.status !== 'failed') return null;
  const first = (JSON.parse(r.issues) as ImportIssueItem[])[0];
  const code = (first && first.code in ERRORS ? first.code : 'INTERNAL') as ErrorCode;
  return { code, message: errorMessage(code, lang) };
}

function toJob(r: ImportJobsTable, lang: Lang): ImportJob {
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
    failure: failureOf(r, lang),
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
  /** Rows between two progress writes while a file is read (tests use a small number). */
  progressEvery?: number;
  /** Where a background job's unexpected error is told (the server's log). */
  log?: (msg: string, err: unknown) => void;
  /** Tests only: called inside the commit's transaction after the people are written. */
  faults?: { midCommit?: () => void | Promise<void> };
}) {
  const { db, clock, audit, crypto, orgs, people } = deps;
  const progressEvery = deps.progressEvery ?? PROGRESS_EVERY;
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
   * same ID twice in the file, the org in the caller's scope, and the ID numbers already on record. The
   * rows fit to write are handed to `keep` a batch at a time, in file order, as long as no row has had an
   * error (a file with one cannot be committed): neither the rows' cells nor all the people are held at once.
   */
  async function checkFile(
    caller: Caller,
    bytes: Buffer,
    progress: (phase: 'parse' | 'validate', done: number, total: number) => Promise<void>,
    keep: (batch: CheckedPerson[]) => Promise<void>,
  ): Promise<CheckedFile> {
    const on = today();
    const resolver: OrgResolver = await resolveOrgs(orgs, caller);
    const duplicateOf = duplicateIdTracker(on);
    const issues: ImportIssueItem[] = [];
    const errorRows = new Set<number>();
    let rows = 0;
    let fit = 0;
    let existing = 0;
    let pending: CheckedPerson[] = [];

    // The ID numbers already on record: in scope → updated or skipped; elsewhere → the row cannot be
    // imported, with the person form's neutral words and without naming who holds it or where. A dry run
    // asks the city for nothing: a review request is one person's submission on the form (see README).
    // Each seat goes into the open term its start date falls in; none is the row's error.
    async function settle(batch: CheckedPerson[]): Promise<void> {
      const holders = await people.matchIdNumbers(
        caller,
        batch.map((c) => c.person.idNumber),
      );
      const noTerm = await placeSeats(batch);
      const out: CheckedPerson[] = [];
      for (const c of batch) {
        if (noTerm.has(c.row)) {
          errorRows.add(c.row);
          issues.push({ row: c.row, column: 'role', code: 'IMPORT_NO_OPEN_TERM', severity: 'error' });
          continue;
        }
        const held = holders.get(c.person.idNumber);
        if (held && !held.inScope) {
          errorRows.add(c.row);
          issues.push({
            row: c.row,
            column: 'idNumber',
            code: 'IMPORT_ID_HELD_ELSEWHERE',
            severity: 'error',
          });
          continue;
        }
        if (held) {
          existing += 1;
          issues.push({ row: c.row, column: 'idNumber', code: 'IMPORT_PERSON_EXISTS', severity: 'warning' });
        }
        out.push(c);
      }
      fit += out.length;
      if (errorRows.size === 0 && out.length > 0) await keep(out);
    }

    await readImportWorkbook(bytes, rosterColumns('zh-CN'), {
      onRow: async (r) => {
        rows += 1;
        const values = r.values as ImportRow;
        const rowIssues: ImportIssueItem[] = r.findings.map((f) => ({
          row: r.row,
          column: f.column,
          code: f.reason,
          severity: 'error',
        }));
        const checked = validateImportRow(values, on);
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
        const dup = duplicateOf(values, r.row);
        if (dup)
          rowIssues.push({
            row: r.row,
            column: dup.column,
            code: dup.code,
            severity: 'error',
            params: dup.params,
          });
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
          pending.push({
            row: r.row,
            // The seat's term is found by `settle`, for a batch of rows at once.
            person: {
              ...rest,
              org,
              position: position && { role: position.role, startDate: position.startDate, termId: '' },
            },
            committee: position?.committee ?? null,
          });
          if (pending.length === IMPORT_BATCH) {
            const batch = pending;
            pending = [];
            await settle(batch);
          }
        }
        issues.push(...rowIssues);
        // The total is unknown until the end of the file: the parse phase counts rows read.
        if (rows % progressEvery === 0) await progress('parse', rows, 0);
      },
    });
    if (pending.length > 0) await settle(pending);
    await progress('validate', rows, rows);
    issues.sort((a, b) => a.row - b.row);
    return { rows, issues, errorRows: errorRows.size, people: fit, existing };
  }

  /**
   * Put each seat of a batch in the open term of its org and committee that its start date falls in
   * (the dry run, and again at commit: a term may have closed since); the rows of seats with none.
   */
  async function placeSeats(batch: readonly CheckedPerson[], trx?: Tx): Promise<Set<number>> {
    const seated = batch.filter((c) => c.person.position && c.committee);
    const terms = await people.openTermFor(
      seated.map((c) => ({
        orgId: c.person.org.id,
        committee: c.committee!,
        startDate: c.person.position!.startDate,
      })),
      trx,
    );
    const noTerm = new Set<number>();
    seated.forEach((c, i) => {
      if (terms[i]) c.person.position!.termId = terms[i];
      else noTerm.add(c.row);
    });
    return noTerm;
  }

  /** Keep a batch of checked people of a job, sealed (they hold ID numbers and phones). */
  async function keepBatch(jobId: string, batch: number, rows: CheckedPerson[]): Promise<void> {
    const { keyId, sealed } = crypto.sealBytes(Buffer.from(JSON.stringify(rows), 'utf8'));
    await repo.insertCheckedBatch(db, { job_id: jobId, batch, key_id: keyId, content: sealed });
  }

  /**
   * The commit's check of a kept batch against the roster as it is inside the commit's transaction —
   * what can have changed since the dry run: the org (still in the caller's scope, at the same place),
   * the ID number (now held outside the scope), the seat's open term. The row's own cells were checked
   * by the dry run and cannot change (the upload is sealed). Issues go to `issues`; the rows still fit
   * are returned.
   */
  async function recheck(
    trx: Tx,
    caller: Caller,
    batch: CheckedPerson[],
    orgPaths: ReadonlyMap<string, string>,
    issues: ImportIssueItem[],
  ): Promise<ImportedPerson[]> {
    const holders = await people.matchIdNumbers(
      caller,
      batch.map((c) => c.person.idNumber),
      trx,
    );
    const noTerm = await placeSeats(batch, trx);
    const out: ImportedPerson[] = [];
    for (const c of batch) {
      if (orgPaths.get(c.person.org.id) !== c.person.org.path)
        issues.push({ row: c.row, column: 'org', code: 'IMPORT_ORG_NOT_FOUND', severity: 'error' });
      else if (noTerm.has(c.row))
        issues.push({ row: c.row, column: 'role', code: 'IMPORT_NO_OPEN_TERM', severity: 'error' });
      else if (holders.get(c.person.idNumber)?.inScope === false)
        issues.push({ row: c.row, column: 'idNumber', code: 'IMPORT_ID_HELD_ELSEWHERE', severity: 'error' });
      else out.push(c.person);
    }
    return out;
  }

  /**
   * A job whose parse, check or commit runs in this process now, with a copy of its row that requests
   * read: the work runs after the request that started it has answered (a file of 100,000 rows takes a
   * minute) and the web polls the job. The commit's progress lives only in the copy — on SQLite a read or
   * write outside its transaction would wait for the transaction to end. A job left `validating` or
   * `committing` by a process that stopped is ended on its next read (`settleOrphan`): nothing of it was
   * written, the commit being one transaction.
   */
  interface Running {
    row: ImportJobsTable;
    done: Promise<void>;
  }
  const running = new Map<string, Running>();

  function inBackground(row: ImportJobsTable, work: (live: Running) => Promise<void>): void {
    const live: Running = { row: { ...row }, done: Promise.resolve() };
    running.set(row.id, live);
    live.done = work(live)
      .catch((err: unknown) => deps.log?.(`import job ${row.id}: background work failed`, err))
      .finally(() => running.delete(row.id));
  }

  /** A change of a running job, written to its row (unless `memoryOnly`) and to the copy requests read. */
  async function advance(live: Running, patch: Partial<ImportJobsTable>, memoryOnly = false) {
    Object.assign(live.row, patch);
    if (!memoryOnly) await repo.update(db, live.row.id, patch);
  }

  /** End a job whose work stopped: failed, its reason as the report's one issue, its upload deleted. */
  async function failJob(id: string, from: ImportJobsTable['status'], err: unknown): Promise<void> {
    const code: ErrorCode =
      err instanceof AppError ? err.code : from === 'committing' ? 'IMPORT_COMMIT_FAILED' : 'INTERNAL';
    if (!(err instanceof AppError)) deps.log?.(`import job ${id} failed`, err);
    const patch = {
      status: 'failed' as const,
      issues: JSON.stringify([{ row: 0, column: null, code, severity: 'error' } satisfies ImportIssueItem]),
    };
    await db.transaction().execute(async (trx) => {
      await repo.updateStatus(trx, id, from, patch);
      await repo.deleteUpload(trx, id);
      await repo.deleteCheckedRows(trx, id);
    });
    const live = running.get(id);
    if (live) Object.assign(live.row, patch);
  }

  async function settleOrphan(row: ImportJobsTable): Promise<ImportJobsTable> {
    if ((row.status !== 'validating' && row.status !== 'committing') || running.has(row.id)) return row;
    await failJob(row.id, row.status, new AppError('IMPORT_INTERRUPTED'));
    return (await repo.findById(db, row.id, row.created_by)) ?? row;
  }

  /** The dry run of a stored upload: the job ends `ready` with its report, or `failed` with the reason. */
  async function dryRun(caller: Caller, live: Running, bytes: Buffer): Promise<void> {
    const id = live.row.id;
    try {
      let batch = 0;
      const checked = await checkFile(
        caller,
        bytes,
        (phase, done, total) => advance(live, { phase, done, total }),
        (rows) => keepBatch(id, batch++, rows),
      );
      // A file with an error cannot be committed: what was kept before the first one goes.
      if (checked.errorRows > 0) await repo.deleteCheckedRows(db, id);
      await advance(live, {
        status: 'ready',
        phase: 'validate',
        done: checked.rows,
        total: checked.rows,
        row_count: checked.rows,
        error_rows: checked.errorRows,
        new_people: checked.people - checked.existing,
        existing_people: checked.existing,
        issues: JSON.stringify(checked.issues),
      });
    } catch (err) {
      // A file unusable as a whole (not a workbook, no header…): the job fails and its upload goes.
      await failJob(id, 'validating', err);
    }
  }

  /**
   * The commit: the dry run's checked people, batch by batch, checked again for what can have changed
   * since (`recheck`) and written, all in one transaction. When a row can no longer be written, nothing
   * is: the job goes back to `ready` with the dry run's report and the new errors. Anything else that stops
   * it fails the job with nothing written.
   */
  async function runCommit(caller: Caller, live: Running, existingMode: ImportExistingMode): Promise<void> {
    const id = live.row.id;
    const stale: ImportIssueItem[] = [];
    const total = live.row.new_people + live.row.existing_people;
    try {
      const orgPaths = await scopeOrgPaths(orgs, caller);
      const result = await db.transaction().execute(async (trx) => {
        // Batches are read (and opened) one at a time; once a row is stale, the rest is only checked.
        async function* batches(): AsyncGenerator<ImportedPerson[]> {
          for (let n = 0; ; n++) {
            const kept = await repo.findCheckedBatch(trx, id, n);
            if (!kept) return;
            const rows = JSON.parse(
              crypto.openBytes(kept.key_id, Buffer.from(kept.content)).toString('utf8'),
            ) as CheckedPerson[];
            const fit = await recheck(trx, caller, rows, orgPaths, stale);
            if (stale.length === 0) yield fit;
          }
        }
        const outcome = await people.importPeople(trx, caller, id, batches(), existingMode, async (n) => {
          await advance(live, { done: n }, true);
          // better-sqlite3 answers synchronously: without a turn of the event loop between batches,
          // no request (the web polling this job) would be served until the transaction ends.
          await setImmediate();
        });
        if (stale.length > 0) throw new StaleCheck();
        // Every person the dry run counted was written or left: a job checked before its rows were kept
        // (or whose rows went missing) fails with nothing written, and is uploaded again.
        if (outcome.created + outcome.updated + outcome.unchanged !== total)
          throw new Error(`import job ${id}: the kept rows do not add up to the dry run's count`);
        await deps.faults?.midCommit?.();
        const committed = {
          status: 'committed' as const,
          done: total,
          created_count: outcome.created,
          updated_count: outcome.updated,
          skipped_count: outcome.unchanged,
          committed_at: clock.now().toISOString(),
        };
        await repo.update(trx, id, committed);
        await repo.deleteUpload(trx, id);
        await repo.deleteCheckedRows(trx, id);
        await audit.record(trx, caller.actor, {
          action: 'import_commit',
          objectType: 'import_job',
          objectId: id,
          details: {
            fileSha256: live.row.file_sha256,
            existingMode,
            created: outcome.created,
            updated: outcome.updated,
            unchanged: outcome.unchanged,
          },
        });
        return committed;
      });
      Object.assign(live.row, result);
    } catch (err) {
      if (!(err instanceof StaleCheck)) {
        await failJob(id, 'committing', err);
        return;
      }
      // The new errors join the dry run's report; a row now held elsewhere loses its "exists" warning.
      const heldElsewhere = new Set(
        stale.filter((i) => i.code === 'IMPORT_ID_HELD_ELSEWHERE').map((i) => i.row),
      );
      const issues = (JSON.parse(live.row.issues) as ImportIssueItem[])
        .filter((i) => !(i.code === 'IMPORT_PERSON_EXISTS' && heldElsewhere.has(i.row)))
        .concat(stale)
        .sort((a, b) => a.row - b.row);
      const patch = {
        status: 'ready' as const,
        error_rows: new Set(stale.map((i) => i.row)).size,
        issues: JSON.stringify(issues),
      };
      // The kept rows go: a job with errors cannot be committed.
      await db.transaction().execute(async (trx) => {
        await repo.updateStatus(trx, id, 'committing', patch);
        await repo.deleteCheckedRows(trx, id);
      });
      Object.assign(live.row, patch);
    }
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

    /** Store the upload sealed and start its dry run; the job is returned `validating` at once. */
    async upload(caller: Caller, file: { name: string; bytes: Buffer }, lang: Lang): Promise<ImportJob> {
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
      inBackground(job, (live) => dryRun(caller, live, file.bytes));
      return toJob(job, lang);
    },

    /** The job with its progress; one left running by a stopped process is ended here. */
    async getJob(caller: Caller, id: string, lang: Lang): Promise<ImportJob> {
      const live = running.get(id);
      if (live && live.row.created_by === caller.userId) return toJob(live.row, lang);
      return toJob(await settleOrphan(await loadJob(caller, id)), lang);
    },

    /** Resolves when the job's background work (if any) in this process has ended: for tests and benches. */
    settled(id: string): Promise<void> {
      return running.get(id)?.done ?? Promise.resolve();
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
     * Start importing every row in one transaction, or nothing; the job is returned `committing` at once.
     * A job whose dry run found errors cannot be committed.
     */
    async commit(
      caller: Caller,
      id: string,
      existingMode: ImportExistingMode,
      lang: Lang,
    ): Promise<ImportJob> {
      const job = await loadJob(caller, id);
      if (job.status === 'ready' && job.error_rows > 0) throw new AppError('IMPORT_HAS_ERRORS');
      // The upload is kept (for the annotated copy) as long as the checked rows: both go after a day.
      if (!(await repo.hasUpload(db, id)) || job.expires_at < clock.now().toISOString())
        throw new AppError('IMPORT_JOB_NOT_READY');
      if (
        !(await repo.updateStatus(db, id, 'ready', {
          status: 'committing',
          existing_mode: existingMode,
          phase: 'commit',
          done: 0,
          total: job.new_people + job.existing_people,
        }))
      )
        throw new AppError('IMPORT_JOB_NOT_READY');
      const started = await loadJob(caller, id);
      inBackground(started, (live) => runCommit(caller, live, existingMode));
      return toJob(started, lang);
    },
  };
}
