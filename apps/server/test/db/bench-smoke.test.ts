// The in-process matters benchmark at a tiny size: it writes rows straight into the schema, so a schema
// change that breaks it shows here rather than on the next `npm run bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_KIND } from '../helpers/test-env';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

test(
  'the matters benchmark runs to the end at a tiny size',
  { skip: DB_KIND !== 'sqlite' && 'SQLite run only' },
  () => {
    const results = mkdtempSync(path.join(os.tmpdir(), 'xinhuo-bench-smoke-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, XINHUO_BENCH_RESULTS_DIR: results };
      delete env.BENCH_PG_URL;
      const r = spawnSync(
        process.execPath,
        ['bench/matters.bench.mjs', '--sqlite=2000', '--towns=4', '--iterations=2', '--seconds=2'],
        { cwd: ROOT, env, encoding: 'utf8', timeout: 180_000 },
      );
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`.slice(-3000));
      const [file] = readdirSync(results);
      const json = JSON.parse(readFileSync(path.join(results, file!), 'utf8'));
      const sqlite = json.results.find((x: { kind: string }) => x.kind === 'sqlite');
      assert.equal(sqlite.matters, 2000);
      assert.ok(sqlite.sweepSteady.created !== undefined, 'both sweeps ran');
    } finally {
      rmSync(results, { recursive: true, force: true });
    }
  },
);
