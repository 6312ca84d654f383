// What every benchmark script shares around its measurements: reading its --name=value options, the
// machine and load average it ran on, percentiles, a printed table, and the JSON result file in
// bench/results/ (or XINHUO_BENCH_RESULTS_DIR). No server, no processes (bench/lib/server.mjs has
// those), no dependencies: the in-process benchmarks import it too.
//
//   import { options, printTable, writeResult, ... } from './lib/cli.mjs';

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where a benchmark writes its JSON (scripts/bench.mjs passes XINHUO_BENCH_RESULTS_DIR). */
export const RESULTS_DIR = process.env.XINHUO_BENCH_RESULTS_DIR ?? path.join(ROOT, 'bench/results');

// ---------------------------------------------------------------------------------------------
// Options (parsed with node:util parseArgs, strict: false, string values).

/**
 * Readers of parsed options: `num(name, min, max)` a number in [min, max] (or it throws, naming the
 * option); `numbers(name, ok)` a comma-separated list of numbers, those passing `ok`; `strings(name,
 * ok)` a comma-separated list of trimmed texts, those passing `ok`.
 */
export function options(args) {
  const parts = (name) =>
    String(args[name])
      .split(',')
      .map((s) => s.trim());
  return {
    num(name, min, max) {
      const v = Number(args[name]);
      if (!Number.isFinite(v) || v < min || v > max)
        throw new Error(`--${name} must be a number in [${min}, ${max}]`);
      return v;
    },
    numbers: (name, ok) => parts(name).map(Number).filter(ok),
    strings: (name, ok) => parts(name).filter(ok),
  };
}

// ---------------------------------------------------------------------------------------------
// Figures.

/** The p-th percentile (nearest rank) of an ascending array; null when it is empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Seconds since `t0` (a Date.now()), to a tenth. */
export const secondsSince = (t0) => Math.round((Date.now() - t0) / 100) / 10;

/** The load average (1, 5, 15 min) now, to two decimals. */
export const loadNow = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** The machine a result was measured on, with the load average at `loadAtStart` and now (shared machines). */
export function machineInfo(loadAtStart) {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}

/** What a result file starts with: the benchmark, when, at which commit, on which machine (and its load). */
export function reportHeader(bench, loadAtStart) {
  return { bench, date: new Date().toISOString(), commit: gitCommit(), machine: machineInfo(loadAtStart) };
}

/** The short commit of the working tree, with "+dirty" when tracked files are modified; null outside git. */
export function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() + (dirty.stdout.trim() ? '+dirty' : '') : null;
}

/** YYYY-MM-DD in local time (the date in a result file's name). */
export function localDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Printing and writing.

/** A number with thousands separators and `d` decimals; "-" for null/undefined. */
export const fmt = (x, d = 0) =>
  x === null || x === undefined
    ? '-'
    : Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/**
 * A table of text cells between blank lines: the header, a rule, the rows; the first `leftColumns`
 * columns aligned left, the others right, each as wide as its widest cell.
 */
export function printTable(header, rows, leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
}

/** The line every report ends with: the load average at the start and now. */
export function printLoad(loadAtStart) {
  console.log(
    `load average (1/5/15 min) at start: ${loadAtStart.join(' / ')}, at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}`,
  );
}

/** Indented JSON with arrays of plain values (parameters, rounds) on one line each: small, and readable. */
export function toJson(value) {
  return (
    JSON.stringify(value, null, 2).replace(
      /\[\n\s+([^[\]{}]*?)\n\s*\]/g,
      (_, inner) => `[${inner.split(/,\n\s+/).join(', ')}]`,
    ) + '\n'
  );
}

/** Write `report` as bench/results/<fileName> (or under XINHUO_BENCH_RESULTS_DIR); the file's path. */
export function writeResult(fileName, report) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, fileName);
  writeFileSync(file, toJson(report));
  return file;
}
