// One run of the roster import benchmark (bundled and spawned by bench/roster-import.bench.mjs): the server's
// work on an uploaded workbook, as production runs it — a fresh database (SQLite on a file in a temporary
// directory, as the server keeps it in its data directory; or a wiped PostgreSQL schema), the workbook's
// bytes read from the file written beforehand by another process (roster-import-workbook.mjs), then the
// service's dry run and its commit, then the same file's dry run again (every row now on record). Prints one JSON line: seconds per phase, this process's peak RSS, and
// per phase the highest RSS, V8 heap and external (Buffer) memory seen.
//
//   node <bundle> <file.xlsx> <dir for the SQLite file>   (or node --import tsx bench/lib/roster-import-child.mjs …)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestEnv } from '../../apps/server/test/helpers/test-env.ts';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/audit/audit.ts';

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: roster-import-child.mjs <file.xlsx> <data dir>');
const env = await createTestEnv({ sqliteFile: path.join(dataDir, 'xinhuo.db') });
const db = env.services.db;
const user = await db
  .selectFrom('users')
  .select('id')
  .where('username', '=', 'city1')
  .executeTakeFirstOrThrow();
const caller = { userId: user.id, scopePaths: ['/'], permissions: 'system', actor: SYSTEM_ACTOR };

/** CPU seconds (user + system) since `from`: the figure that other load on the machine disturbs least. */
const cpuS = (from) => {
  const u = process.cpuUsage(from);
  return +((u.user + u.system) / 1e6).toFixed(2);
};
const MB = (n) => Math.round(n / 1048576);
/**
 * The highest figures seen in each phase (sampled every 25 ms): RSS (what the goal counts), the V8 heap
 * in use, and memory outside the heap (Buffers, typed arrays). `setup` is the process before the upload:
 * Node, the server's modules and the fresh database.
 */
const phases = { setup: {}, validate: {}, commit: {}, reimport: {} };
let phase = 'setup';
function sample() {
  const m = process.memoryUsage();
  const p = phases[phase];
  p.rssMB = Math.max(p.rssMB ?? 0, MB(m.rss));
  p.heapUsedMB = Math.max(p.heapUsedMB ?? 0, MB(m.heapUsed));
  p.externalMB = Math.max(p.externalMB ?? 0, MB(m.external));
}
sample();
const sampler = setInterval(sample, 25);

// The upload as the route hands it to the service: the whole file as one Buffer (30 MB at most).
const bytes = readFileSync(file);
sample();
phase = 'validate';
let t = performance.now();
let cpu = process.cpuUsage();
const imports = env.services.imports;
// Upload and commit start background work; the phase ends when the job's work has settled.
const started = await imports.upload(caller, { name: 'bench.xlsx', bytes }, 'en');
await imports.settled(started.id);
const job = await imports.getJob(caller, started.id, 'en');
if (job.status !== 'ready') throw new Error(`dry run ended ${job.status}: ${JSON.stringify(job.failure)}`);
const validateS = (performance.now() - t) / 1000;
const validateCpuS = cpuS(cpu);
if (job.counts.errorRows > 0) {
  const issues = await imports.listIssues(caller, job.id, { page: 1, pageSize: 5 });
  throw new Error(`bench workbook has ${job.counts.errorRows} bad rows: ${JSON.stringify(issues.items)}`);
}
sample();
phase = 'commit';
t = performance.now();
cpu = process.cpuUsage();
await imports.commit(caller, job.id, 'update', 'en');
await imports.settled(job.id);
const done = await imports.getJob(caller, job.id, 'en');
if (done.status !== 'committed')
  throw new Error(`commit ended ${done.status}: ${JSON.stringify(done.failure)}`);
const commitS = (performance.now() - t) / 1000;
const commitCpuS = cpuS(cpu);
sample();
// The same file again: every row is now on the roster, so the dry run reports each one (a warning) and
// the report — the one thing an import keeps per row — is at its largest.
phase = 'reimport';
t = performance.now();
cpu = process.cpuUsage();
const again = await imports.upload(caller, { name: 'bench.xlsx', bytes }, 'en');
await imports.settled(again.id);
const second = await imports.getJob(caller, again.id, 'en');
if (second.status !== 'ready' || second.counts.existingPeople !== job.counts.newPeople)
  throw new Error(`re-import dry run ended ${second.status}: ${JSON.stringify(second.counts)}`);
const reimportS = (performance.now() - t) / 1000;
const reimportCpuS = cpuS(cpu);
sample();
clearInterval(sampler);
await env.close();
console.log(
  JSON.stringify({
    rows: job.counts.rows,
    validateS: +validateS.toFixed(2),
    commitS: +commitS.toFixed(2),
    validateCpuS,
    commitCpuS,
    reimportS: +reimportS.toFixed(2),
    reimportCpuS,
    created: done.result?.created,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    phases,
  }),
);
