// One run of the roster import benchmark (spawned by bench/roster-import.bench.mjs, with tsx):
// a fresh test database, a workbook of N valid rows, then the service's dry run and its commit.
// Prints one JSON line: seconds per phase and this process's peak RSS.
import { performance } from 'node:perf_hooks';
import { IMPORT_COLUMNS, makeIdNumber } from '@xinhuo/shared';
import { createTestEnv } from '../../apps/server/test/helpers/test-env.ts';
import { writeXlsxSheet } from '../../apps/server/src/platform/excel/xlsx-writer.ts';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/audit/audit.ts';

const rows = Number(process.argv[2] ?? 10000);
const env = await createTestEnv();
const db = env.services.db;
const user = await db
  .selectFrom('users')
  .select('id')
  .where('username', '=', 'city1')
  .executeTakeFirstOrThrow();
const caller = { userId: user.id, scopePaths: ['/'], permissions: 'system', actor: SYSTEM_ACTOR };

/** Distinct valid ID numbers: one birth date per thousand sequence numbers. */
function* people(n) {
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 999) * 86_400_000).toISOString().slice(0, 10);
    const id = makeIdNumber('320582', day, (i % 999) + 1);
    const row = {
      name: `测试${i}`,
      idNumber: id,
      ethnicity: '汉族',
      politicalStatus: i % 3 === 0 ? '群众' : '中共党员',
      fullTimeEducation: ['本科', '大专', '高中'][i % 3],
      phone: `139${String(i).padStart(8, '0')}`,
      org: i % 2 === 0 ? 'A1村' : 'B1村',
    };
    yield IMPORT_COLUMNS.map((c) => row[c.key] ?? null);
  }
}

/** CPU seconds (user + system) since `from`: the figure that other load on the machine disturbs least. */
const cpuS = (from) => {
  const u = process.cpuUsage(from);
  return +((u.user + u.system) / 1e6).toFixed(2);
};
/**
 * The highest RSS seen in each phase (sampled every 25 ms): the process's peak alone cannot tell the
 * generator's workbook writing from the import.
 */
const phaseRssMB = { write: 0, validate: 0, commit: 0 };
let phase = 'write';
const sampler = setInterval(() => {
  phaseRssMB[phase] = Math.max(phaseRssMB[phase], Math.round(process.memoryUsage.rss() / 1048576));
}, 25);
let t = performance.now();
const bytes = await writeXlsxSheet(
  '花名册',
  IMPORT_COLUMNS.map((c) => ({ header: c.zh, width: 16 })),
  people(rows),
);
const writeS = (performance.now() - t) / 1000;
phase = 'validate';
t = performance.now();
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
clearInterval(sampler);
await env.close();
console.log(
  JSON.stringify({
    rows,
    fileMB: +(bytes.length / 1048576).toFixed(2),
    writeS: +writeS.toFixed(2),
    validateS: +validateS.toFixed(2),
    commitS: +commitS.toFixed(2),
    validateCpuS,
    commitCpuS,
    created: done.result?.created,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    phaseRssMB,
  }),
);
