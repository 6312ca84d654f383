#!/usr/bin/env node
// `npm run bench`: run the benchmarks in bench/*.bench.mjs one after another and print their results.
//
//   npm run bench                          every bench/*.bench.mjs, in name order
//   npm run bench -- roster                only those whose name contains "roster"
//   npm run bench -- roster --duration=5   options (--key or --key=value) are passed to each bench
//   npm run bench -- --list                list the benchmarks and exit
//
// A benchmark is a standalone Node script named bench/<name>.bench.mjs. It prints its own
// results, writes them as JSON under bench/results/ (XINHUO_BENCH_RESULTS_DIR tells it where),
// ignores options it does not know, and exits 0 when it ran to the end. Benchmarks measure and
// never assert thresholds; a non-zero exit means the benchmark could not run, and makes this
// script exit non-zero after the others have run. Benchmarks run in sequence, never in parallel,
// so that one's load does not disturb another's figures.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT, 'bench');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const SUFFIX = '.bench.mjs';

const argv = process.argv.slice(2);
const filters = argv.filter((a) => !a.startsWith('-'));
const options = argv.filter((a) => a.startsWith('-') && a !== '--list');

const all = existsSync(BENCH_DIR)
  ? readdirSync(BENCH_DIR)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()
      .map((f) => ({ name: f.slice(0, -SUFFIX.length), file: path.join(BENCH_DIR, f) }))
  : [];

if (argv.includes('--list')) {
  for (const b of all) console.log(`${b.name}  bench/${path.basename(b.file)}`);
  process.exit(0);
}

const selected = filters.length === 0 ? all : all.filter((b) => filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  console.error(
    filters.length === 0
      ? 'no benchmarks found (bench/*.bench.mjs)'
      : `no benchmark matches ${filters.join(', ')}; there are: ${all.map((b) => b.name).join(', ') || 'none'}`,
  );
  process.exit(2);
}

/** The child running now, so that a signal to this script reaches it (and only it). */
let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current?.pid && current.exitCode === null) {
      try {
        process.kill(current.pid, sig);
      } catch {
        // already gone
      }
    }
    process.exitCode = 130;
  });
}

function runOne(bench) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bench.file, ...options], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, XINHUO_BENCH_RESULTS_DIR: RESULTS_DIR },
    });
    current = child;
    child.on('error', (err) => resolve({ code: 1, error: err.message }));
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, signal }));
  });
}

/** Result files a benchmark wrote or rewrote since `since` (ms). */
function writtenSince(since) {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((f) => statSync(path.join(RESULTS_DIR, f)).mtimeMs >= since)
    .map((f) => path.join('bench/results', f));
}

mkdirSync(RESULTS_DIR, { recursive: true });
const summary = [];
for (const bench of selected) {
  if (process.exitCode === 130) break;
  console.log(`\n=== bench ${bench.name} ${'='.repeat(Math.max(0, 60 - bench.name.length))}`);
  const t0 = Date.now();
  const r = await runOne(bench);
  current = null;
  summary.push({
    name: bench.name,
    ok: r.code === 0,
    status: r.code === 0 ? 'ok' : r.signal ? `killed (${r.signal})` : `failed (exit ${r.code})`,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
    files: writtenSince(t0),
  });
}

console.log('\n=== bench summary');
for (const s of summary) {
  console.log(
    `${s.name.padEnd(16)} ${s.status.padEnd(18)} ${String(s.seconds).padStart(7)} s  ${s.files.join(', ')}`,
  );
}
if (process.exitCode !== 130 && summary.some((s) => !s.ok)) process.exitCode = 1;
