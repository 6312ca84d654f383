import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { errorMessage, exportRosterQuery, fieldMessage, type ImportJob, type Lang } from '@xinhuo/shared';
import type { Services } from './composition';
import { can, type Caller } from './platform/caller';
import { writeRosterXlsx } from './modules/people';
import { writeMattersXlsx } from './modules/matters';

/*
 * The web's roster and matter exports and the roster import on the command line, acting as a named
 * account: the same services with that account's permissions and scope (never the system's), audited
 * under its name. The permission each web route asks for is asked here too.
 */

const CLI_EXPORT_CAP = 50_000;
const ISSUES_SHOWN = 20;

async function callerFor(services: Services, username: string): Promise<Caller> {
  return services.auth.actAs(username, `cli-${randomBytes(6).toString('hex')}`);
}

function refuse(): number {
  console.error(`${errorMessage('FORBIDDEN', 'en')}\n${errorMessage('FORBIDDEN', 'zh-CN')}`);
  return 1;
}

export async function exportAs(
  services: Services,
  what: 'roster' | 'matters',
  file: string,
  username: string,
  lang: Lang,
): Promise<number> {
  const caller = await callerFor(services, username);
  let bytes: Buffer;
  let count: number;
  if (what === 'roster') {
    if (!can(caller, 'roster:export')) return refuse();
    const rows = await services.people.exportRows(caller, exportRosterQuery.parse({}), CLI_EXPORT_CAP);
    bytes = await writeRosterXlsx(rows, lang);
    count = rows.length;
  } else {
    if (!can(caller, 'matters:read')) return refuse();
    const rows = await services.loop.matters.exportRows(caller, { overdue: false }, CLI_EXPORT_CAP);
    bytes = await writeMattersXlsx(rows, lang);
    count = rows.length;
  }
  writeFileSync(file, bytes, { mode: 0o600 });
  console.log(`${what}: ${count} rows written to ${path.resolve(file)} as ${username}`);
  console.log(`已以 ${username} 的身份导出 ${count} 行到 ${path.resolve(file)}`);
  return 0;
}

/** Wait for the job's background phase, printing its progress; returns the settled job. */
async function follow(services: Services, caller: Caller, id: string, lang: Lang): Promise<ImportJob> {
  let last = '';
  for (;;) {
    const settled = services.imports.settled(id).then(() => true);
    const job = await services.imports.getJob(caller, id, lang);
    const line = `${job.phase} ${job.done}/${job.total}`;
    if (line !== last) console.log(`  ${line}`);
    last = line;
    if (job.status !== 'validating' && job.status !== 'committing') return job;
    await Promise.race([settled, new Promise((r) => setTimeout(r, 500))]);
  }
}

export async function importAs(
  services: Services,
  file: string,
  username: string,
  opts: { dryRun: boolean; existing: 'skip' | 'update'; lang: Lang },
): Promise<number> {
  const { lang } = opts;
  const caller = await callerFor(services, username);
  if (!can(caller, 'roster:import')) return refuse();
  const bytes = readFileSync(file);
  console.log(`dry run of ${path.basename(file)} as ${username} / 预检`);
  const uploaded = await services.imports.upload(caller, { name: path.basename(file), bytes }, lang);
  const job = await follow(services, caller, uploaded.id, lang);
  if (job.status === 'failed') {
    console.error(`import failed: ${job.failure?.code} ${job.failure?.message ?? ''}`);
    return 1;
  }
  const c = job.counts;
  console.log(
    `rows ${c.rows}, with errors ${c.errorRows}, new people ${c.newPeople}, already on the roster ${c.existingPeople}`,
  );
  console.log(
    `共 ${c.rows} 行，有错误 ${c.errorRows} 行，新增 ${c.newPeople} 人，已在花名册 ${c.existingPeople} 人`,
  );
  const issues = await services.imports.listIssues(caller, job.id, { page: 1, pageSize: ISSUES_SHOWN });
  for (const k of issues.codes) console.log(`  ${k.code} × ${k.count}: ${fieldMessage(k.code, lang)}`);
  for (const i of issues.items)
    console.log(
      `  row ${i.row}${i.column ? ` ${i.column}` : ''}: ${i.severity} ${fieldMessage(i.code, lang)}`,
    );
  if (issues.total > issues.items.length) console.log(`  … ${issues.total - issues.items.length} more`);
  if (c.errorRows > 0) {
    console.error(
      `${errorMessage('IMPORT_HAS_ERRORS', 'en')}\n${errorMessage('IMPORT_HAS_ERRORS', 'zh-CN')}`,
    );
    return 1;
  }
  if (opts.dryRun) {
    console.log('dry run only: nothing written / 仅预检，未写入');
    return 0;
  }
  await services.imports.commit(caller, job.id, opts.existing, lang);
  const done = await follow(services, caller, job.id, lang);
  if (done.status !== 'committed') {
    console.error(
      `import not committed: ${done.failure?.code ?? done.status} ${done.failure?.message ?? ''}`,
    );
    return 1;
  }
  const r = done.result!;
  console.log(`committed: created ${r.created}, updated ${r.updated}, skipped ${r.skipped}`);
  console.log(`已导入：新增 ${r.created}，更新 ${r.updated}，跳过 ${r.skipped}`);
  return 0;
}
