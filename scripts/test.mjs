#!/usr/bin/env node
// `npm test`: every check and test suite of the repository, in order, never stopping early.
//
//   1. check     npm run check (lint, typecheck, format, boundaries)
//   2. unit      packages/shared/test, apps/server/test/unit and apps/web/test (**/*.test.ts)
//   3. sqlite    apps/server/test/db/**/*.test.ts  with XINHUO_TEST_DB=sqlite
//   4. postgres  the same files with XINHUO_TEST_DB=postgres and XINHUO_TEST_DATABASE_URL
//                (given, or a throwaway cluster from scripts/pg-throwaway.mjs)
//   5. e2e       npm run build, then tests/e2e/**/*.test.ts (a failing file is run once more; tests that
//                pass then are reported as flaky in the summary, the step fails only if they fail again)
//
// Environment:
//   XINHUO_TEST_ONLY=unit,sqlite,...   run only these steps (check, unit, sqlite, postgres, e2e)
//   XINHUO_TEST_DATABASE_URL=...       use this PostgreSQL database instead of a throwaway cluster
//   XINHUO_TEST_SKIP_BUILD=1           e2e: reuse the existing build (ignored when CI=true)
//   XINHUO_TEST_CONCURRENCY=N          files run in parallel in the unit step (default 2)
//   XINHUO_TEST_STEP_TIMEOUT_S=N       wall-clock limit per step (default 1800)
// Arguments: substrings; only test files whose path contains one of them run
//   (e.g. `npm test -- password-policy`).
//
// Each node --test run streams the spec reporter live and writes TAP to a temp file, from which
// the leaf tests are counted. The last line is `N passed, N failed, N skipped`; the exit code is
// non-zero when anything failed or when no test ran at all.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEP_NAMES = ['check', 'unit', 'sqlite', 'postgres', 'e2e'];

// ---------------------------------------------------------------------------------------------
// TAP parsing

/**
 * Count the leaf test points of node's TAP output. A test point is a leaf when no deeper test
 * point came right before it (node prints subtests before their parent's own `ok` line).
 * A `describe`/parent test that failed although none of its descendants did (a failing hook,
 * an error thrown in the suite body) counts as one failure. Cancelled tests are `not ok` leaves
 * and count as failures; `# SKIP` counts as skipped, `# TODO` as todo (never as a failure).
 * @param {string} text
 */
export function parseTap(text) {
  const res = {
    passed: 0,
    failed: 0,
    skipped: 0,
    todo: 0,
    points: 0,
    failures: [],
    /** files of failing tests, from the `location:` of their YAML blocks (absolute or as node wrote them) */
    failedFiles: new Set(),
    /** failing tests whose YAML block gave no location */
    unlocated: 0,
    warnings: [],
    summary: {},
  };
  let yamlIndent = -1;
  /** the latest point counted a failure and its YAML block has not given a location yet */
  let awaitingLocation = false;
  /** index in `failures` of the failure whose YAML block is being read (its error lines are kept) */
  let detailOf = -1;
  /** the failure's error, expected and actual lines, shown under it in the summary */
  let detail = [];
  /** the YAML key being read is one of those kept */
  let keepDetail = false;
  let prevIndent = -1;
  /** indent -> a failure was counted at or below a point of this indent (since its parent) */
  const failedAt = new Map();
  /** indent -> name from the latest `# Subtest:` line at that indent */
  const names = new Map();

  for (const line of text.split(/\r?\n/)) {
    const indent = line.length - line.trimStart().length;
    const t = line.trim();
    if (yamlIndent >= 0) {
      const loc = awaitingLocation && /^location: '(.*?):\d+:\d+'$/.exec(t);
      if (loc) {
        res.failedFiles.add(loc[1]);
        awaitingLocation = false;
      }
      if (detailOf >= 0 && t !== '...') {
        const key = indent === yamlIndent ? /^([A-Za-z_]+):/.exec(t)?.[1] : null;
        if (key) keepDetail = ['error', 'expected', 'actual'].includes(key);
        if (keepDetail && t && detail.length < 24) detail.push(t.length > 240 ? `${t.slice(0, 240)}…` : t);
      }
      if (indent === yamlIndent && t === '...') {
        yamlIndent = -1;
        if (detailOf >= 0 && detail.length)
          res.failures[detailOf] += detail.map((l) => `\n        ${l}`).join('');
        detailOf = -1;
      }
      continue;
    }
    if (t === '---' && prevIndent >= 0 && indent === prevIndent + 2) {
      yamlIndent = indent;
      detail = [];
      keepDetail = false;
      continue;
    }
    if (t.startsWith('#')) {
      const sub = /^# Subtest: (.*)$/.exec(t);
      if (sub) {
        names.set(indent, sub[1]);
        for (const k of [...names.keys()]) if (k > indent) names.delete(k);
        continue;
      }
      if (/generated asynchronous activity after the test ended/.test(t)) res.warnings.push(t.slice(2));
      const sum = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/.exec(t);
      if (sum && indent === 0) res.summary[sum[1]] = Number(sum[2]);
      continue;
    }
    const m = /^(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?\s*(.*)$/.exec(t);
    if (!m) continue;

    res.points++;
    const ok = m[1] === 'ok';
    const rest = m[2];
    const directive = /(?:^|[^\\])#\s*(SKIP|TODO)\b/i.exec(rest);
    const kind = directive ? directive[1].toUpperCase() : '';
    const name = directive
      ? rest.slice(0, directive.index + (directive[0].startsWith('#') ? 0 : 1)).trim()
      : rest;

    if (awaitingLocation) res.unlocated++;
    awaitingLocation = false;
    const hasChildren = prevIndent > indent;
    let deeperFailed = false;
    for (const [k, v] of [...failedAt]) {
      if (k > indent) {
        deeperFailed ||= v;
        failedAt.delete(k);
      }
    }
    let failedHere = false;
    const fullName = () =>
      [...names.entries()]
        .filter(([k]) => k < indent)
        .sort((a, b) => a[0] - b[0])
        .map(([, v]) => v)
        .concat(name.replace(/\\#/g, '#'))
        .join(' > ');

    if (!hasChildren) {
      if (kind === 'TODO') res.todo++;
      else if (kind === 'SKIP') res.skipped++;
      else if (ok) res.passed++;
      else {
        res.failed++;
        failedHere = true;
        res.failures.push(fullName());
      }
    } else if (!ok && kind !== 'TODO' && !deeperFailed) {
      res.failed++;
      failedHere = true;
      res.failures.push(`${fullName()} (failed outside its tests: hook or suite body)`);
    }
    if (failedHere) awaitingLocation = true;
    detailOf = failedHere ? res.failures.length - 1 : -1;
    if (failedHere || deeperFailed) failedAt.set(indent, true);
    else if (!failedAt.has(indent)) failedAt.set(indent, false);
    prevIndent = indent;
  }
  if (awaitingLocation) res.unlocated++;
  return res;
}

// ---------------------------------------------------------------------------------------------
// helpers

/** All `*.test.ts` files under dir (relative to ROOT), sorted; [] when dir doesn't exist. */
export function findTestFiles(dir) {
  const abs = path.join(ROOT, dir);
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(path.relative(ROOT, p));
    }
  };
  walk(abs);
  return out.sort();
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const red = (s) => paint('1;31', s);
const green = (s) => paint('32', s);
const yellow = (s) => paint('1;33', s);
const bold = (s) => paint('1', s);

function header(title) {
  const line = '='.repeat(Math.max(20, 78 - title.length - 6));
  console.log(`\n${bold(`==== ${title} ${line}`)}`);
}

function banner(lines, color = yellow) {
  const bar = '!'.repeat(78);
  console.log(color(bar));
  for (const l of lines) console.log(color(`!!! ${l}`));
  console.log(color(bar));
}

function fmtDuration(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

let currentChild = null;
const tapFiles = new Set();
process.on('exit', () => {
  for (const f of tapFiles) fs.rmSync(f, { force: true });
});

/**
 * Run a command with inherited stdio in its own process group (so a timeout or Ctrl-C takes
 * down everything it started). Resolves to { code, signal, timedOut }.
 */
function runCommand(cmd, args, { env = {}, timeoutS } = {}) {
  const limit = timeoutS ?? Number(process.env.XINHUO_TEST_STEP_TIMEOUT_S || 1800);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    currentChild = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(red(`\n[test] ${cmd} ${args.join(' ')}: still running after ${limit} s, killing it`));
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
    }, limit * 1000);
    child.once('error', (err) => {
      clearTimeout(timer);
      currentChild = null;
      console.log(red(`[test] could not run ${cmd}: ${err.message}`));
      resolve({ code: 127, signal: null, timedOut });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      currentChild = null;
      // Anything the command left behind in its group (a forgotten server) goes too.
      killGroup(child, 'SIGKILL');
      resolve({ code, signal, timedOut });
    });
  });
}

function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(sig, () => {
    if (currentChild) killGroup(currentChild, 'SIGKILL');
    console.log(red(`\n[test] interrupted by ${sig}`));
    process.exit(code); // the 'exit' handler of pg-throwaway stops a throwaway cluster
  });
}

const results = [];

/** Record a step that isn't a test run (check, build, postgres start) as passed/failed. */
function recordStep(name, ok, detail, ms) {
  results.push({
    name,
    kind: 'step',
    ok,
    detail,
    ms,
    passed: 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    failures: [],
  });
}

/** Run node --test on files; stream spec output; count from TAP. */
async function runNodeTests(name, files, { env = {}, concurrency, record = true } = {}) {
  const tapFile = path.join(os.tmpdir(), `xinhuo-test-${process.pid}-${name}.tap`);
  fs.rmSync(tapFile, { force: true });
  tapFiles.add(tapFile);
  const args = ['--import', 'tsx', '--test'];
  if (concurrency) args.push(`--test-concurrency=${concurrency}`);
  if (process.env.XINHUO_TEST_TIMEOUT_MS) args.push(`--test-timeout=${process.env.XINHUO_TEST_TIMEOUT_MS}`);
  args.push(
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  );
  console.log(`$ node ${args.join(' ')}`);
  const t0 = Date.now();
  const { code, signal, timedOut } = await runCommand(process.execPath, args, { env });
  const ms = Date.now() - t0;

  let tap = '';
  try {
    tap = fs.readFileSync(tapFile, 'utf8');
  } catch {
    // no TAP at all: the runner died before writing
  }
  fs.rmSync(tapFile, { force: true });
  tapFiles.delete(tapFile);
  const r = parseTap(tap);
  const notes = [];
  if (timedOut) notes.push('timed out');
  if (timedOut) {
    r.failed += 1;
    r.failures.push(
      `${name}: killed after the step's time limit (XINHUO_TEST_STEP_TIMEOUT_S); tests still running were not counted`,
    );
  } else if (code !== 0 && r.failed === 0) {
    r.failed = 1;
    r.failures.push(
      `${name}: node --test exited with ${signal ?? `code ${code}`} but reported no failing test`,
    );
    notes.push(`runner exit ${signal ?? code}`);
  }
  if (r.warnings.length) {
    banner([
      `${name}: ${r.warnings.length} test(s) left asynchronous activity running after they ended`,
      '(node does not fail them; fix them anyway):',
      ...r.warnings.slice(0, 5).map((w) => w.slice(0, 200)),
    ]);
  }
  if (r.passed + r.failed + r.skipped + r.todo === 0) {
    notes.push('no test ran');
    banner([`${name}: ${files.length} file(s) given but no test ran`]);
  }
  const s = r.summary;
  if (s.tests !== undefined) {
    console.log(
      `[test] ${name}: node summary: tests ${s.tests}, pass ${s.pass}, fail ${s.fail}, cancelled ${s.cancelled ?? 0}, ` +
        `skipped ${s.skipped ?? 0}, todo ${s.todo ?? 0} (leaf count: ${r.passed} passed, ${r.failed} failed, ` +
        `${r.skipped + r.todo} skipped)`,
    );
  }
  r.notes = notes;
  r.ms = ms;
  r.timedOut = timedOut;
  if (record) recordTests(name, r);
  return r;
}

function recordTests(name, r, extraNotes = []) {
  results.push({
    name,
    kind: 'tests',
    ok: r.failed === 0,
    detail: [...r.notes, ...extraNotes].join(', '),
    ms: r.ms,
    passed: r.passed,
    failed: r.failed,
    skipped: r.skipped + r.todo,
    failures: r.failures.map((f) => `[${name}] ${f}`),
  });
}

/**
 * Browser tests drive a real Chromium against a real server on a shared 2-core machine; a test that
 * fails is run once more, alone with the other tests of its file. The step passes only if every
 * failing file passes on that second run; the tests that needed it are named in the summary as
 * flaky (a banner, and the step's detail), so they are seen and fixed, not hidden. Failures that
 * cannot be tied to a file (a crashed runner, a time-out) are not retried.
 */
async function runBrowserTests(files) {
  const first = await runNodeTests('e2e', files, { concurrency: 1, record: false });
  const retryable =
    first.failed > 0 && !first.timedOut && first.unlocated === 0 && first.failedFiles.size > 0;
  if (!retryable) {
    recordTests('e2e', first);
    return;
  }
  const again = [...first.failedFiles].map((f) => path.relative(ROOT, f) || f);
  banner([
    `e2e: ${first.failed} test(s) failed; running their file(s) once more:`,
    ...again,
    ...first.failures.map((f) => `  failed first: ${f}`),
  ]);
  const second = await runNodeTests('e2e-retry', again, { concurrency: 1, record: false });
  const total = first.passed + first.failed;
  const failed = Math.min(total, second.failed);
  const flaky = second.failed === 0 ? first.failures : [];
  if (flaky.length) {
    banner(['e2e: FLAKY — failed, then passed when run again (fix them):', ...flaky.map((f) => `  ${f}`)]);
  }
  recordTests(
    'e2e',
    {
      ...first,
      passed: total - failed,
      failed,
      failures:
        second.failed === 0 ? [] : [...first.failures.map((f) => `${f} (first run)`), ...second.failures],
      ms: first.ms + second.ms,
    },
    flaky.length ? [`${flaky.length} flaky (passed when run again): ${flaky.join('; ')}`] : [],
  );
}

function noFiles(name, patterns) {
  console.log(yellow(`[test] ${name}: no test files match ${patterns.join(', ')} — nothing to run`));
  results.push({
    name,
    kind: 'tests',
    ok: true,
    detail: 'no test files',
    ms: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    failures: [],
  });
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const isCI = process.env.CI === 'true' || process.env.CI === '1';
  const only = (process.env.XINHUO_TEST_ONLY ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = only.filter((s) => !STEP_NAMES.includes(s));
  if (unknown.length) {
    console.error(`XINHUO_TEST_ONLY: unknown step(s) ${unknown.join(', ')}; known: ${STEP_NAMES.join(', ')}`);
    process.exit(2);
  }
  const wants = (step) => only.length === 0 || only.includes(step);
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const pick = (files) => (filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files);

  console.log(
    bold(`xinhuo test — node ${process.version}, ${os.cpus().length} cores${isCI ? ', CI' : ''}`) +
      (only.length ? `, only: ${only.join(',')}` : '') +
      (filters.length ? `, files matching: ${filters.join(' | ')}` : ''),
  );
  const tAll = Date.now();

  // 1. check ------------------------------------------------------------------------------------
  if (wants('check')) {
    header('check: npm run check');
    if (!fs.existsSync(path.join(ROOT, 'scripts/check.mjs'))) {
      console.log(yellow('[test] scripts/check.mjs does not exist yet — skipping the check step'));
      results.push({
        name: 'check',
        kind: 'step',
        ok: true,
        detail: 'skipped: no scripts/check.mjs',
        ms: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        failures: [],
      });
    } else {
      const t0 = Date.now();
      const { code, signal } = await runCommand('npm', ['run', 'check']);
      recordStep(
        'check',
        code === 0,
        code === 0 ? '' : `npm run check: ${signal ?? `exit ${code}`}`,
        Date.now() - t0,
      );
    }
  }

  // 2. unit -------------------------------------------------------------------------------------
  if (wants('unit')) {
    const patterns = [
      'packages/shared/test/**/*.test.ts',
      'apps/server/test/unit/**/*.test.ts',
      'apps/web/test/**/*.test.ts',
    ];
    header(`unit: ${patterns.join(' ')}`);
    const files = pick([
      ...findTestFiles('packages/shared/test'),
      ...findTestFiles('apps/server/test/unit'),
      ...findTestFiles('apps/web/test'),
    ]);
    if (files.length === 0) noFiles('unit', patterns);
    else await runNodeTests('unit', files, { concurrency: Number(process.env.XINHUO_TEST_CONCURRENCY || 2) });
  }

  const dbFiles = pick(findTestFiles('apps/server/test/db'));
  const dbPattern = ['apps/server/test/db/**/*.test.ts'];

  // 3. sqlite -----------------------------------------------------------------------------------
  if (wants('sqlite')) {
    header('sqlite: database suite with XINHUO_TEST_DB=sqlite');
    if (dbFiles.length === 0) noFiles('sqlite', dbPattern);
    else await runNodeTests('sqlite', dbFiles, { env: { XINHUO_TEST_DB: 'sqlite' }, concurrency: 1 });
  }

  // 4. postgres ---------------------------------------------------------------------------------
  if (wants('postgres')) {
    header('postgres: database suite with XINHUO_TEST_DB=postgres');
    if (dbFiles.length === 0) noFiles('postgres', dbPattern);
    else {
      let url = process.env.XINHUO_TEST_DATABASE_URL;
      let pg = null;
      if (url) {
        console.log(`[test] using XINHUO_TEST_DATABASE_URL from the environment`);
      } else {
        const t0 = Date.now();
        try {
          const { startThrowawayPostgres, redact } = await import('./pg-throwaway.mjs');
          pg = await startThrowawayPostgres({ log: (m) => console.log(`[pg-throwaway] ${m}`) });
          url = pg.url;
          console.log(`[test] throwaway PostgreSQL ready in ${fmtDuration(Date.now() - t0)}: ${redact(url)}`);
        } catch (err) {
          banner(
            [
              'PostgreSQL could not be started: the PostgreSQL database suite did NOT run.',
              ...String(err.message).split('\n').slice(0, 12),
              isCI
                ? 'CI=true: this fails the run.'
                : 'Counted as a failure. Install postgresql-15, or set XINHUO_TEST_DATABASE_URL,',
              ...(isCI ? [] : ['or leave this step out with XINHUO_TEST_ONLY=check,unit,sqlite,e2e.']),
            ],
            red,
          );
          recordStep('postgres', false, 'PostgreSQL could not be started', Date.now() - t0);
        }
      }
      if (url) {
        try {
          await runNodeTests('postgres', dbFiles, {
            env: { XINHUO_TEST_DB: 'postgres', XINHUO_TEST_DATABASE_URL: url },
            concurrency: 1,
          });
        } finally {
          if (pg) {
            await pg.stop();
            console.log('[test] throwaway PostgreSQL stopped and removed');
          }
        }
      }
    }
  }

  // 5. e2e --------------------------------------------------------------------------------------
  if (wants('e2e')) {
    header('e2e: npm run build, then tests/e2e/**/*.test.ts');
    const skipBuild = !isCI && /^(1|true)$/.test(process.env.XINHUO_TEST_SKIP_BUILD ?? '');
    let built = true;
    if (skipBuild) {
      console.log(yellow('[test] XINHUO_TEST_SKIP_BUILD: reusing the existing build'));
    } else {
      const t0 = Date.now();
      const { code, signal } = await runCommand('npm', ['run', 'build']);
      built = code === 0;
      recordStep('build', built, built ? '' : `npm run build: ${signal ?? `exit ${code}`}`, Date.now() - t0);
    }
    const files = pick(findTestFiles('tests/e2e'));
    if (files.length === 0) noFiles('e2e', ['tests/e2e/**/*.test.ts']);
    else if (!built) {
      console.log(red('[test] e2e: the build failed, so the browser tests did not run'));
      recordStep('e2e', false, 'not run: build failed', 0);
    } else {
      await runBrowserTests(files);
    }
  }

  // summary -------------------------------------------------------------------------------------
  header(`summary (${fmtDuration(Date.now() - tAll)})`);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    const status = r.ok ? green('ok  ') : red('FAIL');
    const counts = r.kind === 'tests' ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : '';
    const extra = [counts, r.detail, r.ms ? fmtDuration(r.ms) : ''].filter(Boolean).join('; ');
    console.log(`  ${status} ${r.name.padEnd(9)} ${extra}`);
  }
  const failures = results.flatMap((r) => r.failures);
  const failedSteps = results.filter((r) => r.kind === 'step' && !r.ok);
  if (failures.length || failedSteps.length) {
    console.log(red('\nFailed:'));
    for (const s of failedSteps) console.log(red(`  - ${s.name}: ${s.detail}`));
    for (const f of failures.slice(0, 60)) console.log(red(`  - ${f}`));
    if (failures.length > 60) console.log(red(`  … and ${failures.length - 60} more`));
  }
  if (passed + failed === 0) {
    banner(['No test ran at all — that is a failure.'], red);
  }
  console.log('');
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 || passed + failed === 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(1);
    },
  );
}
