// npm run check: type-check every workspace, lint (with the boundary rules), and verify formatting.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['type-check shared', 'npx', ['tsc', '--noEmit', '-p', 'packages/shared']],
  ['type-check server', 'npx', ['tsc', '--noEmit', '-p', 'apps/server']],
  ['type-check web', 'npx', ['tsc', '--noEmit', '-p', 'apps/web']],
  ['type-check web tests', 'npx', ['tsc', '--noEmit', '-p', 'apps/web/test']],
  ['type-check browser tests', 'npx', ['tsc', '--noEmit', '-p', 'tests/e2e']],
  ['lint', 'npx', ['eslint', '--max-warnings=0', 'packages', 'apps', 'tests']],
  [
    'format',
    'npx',
    ['prettier', '--check', 'packages', 'apps', 'tests', 'scripts', 'bench', '--log-level', 'warn'],
  ],
];
let failed = 0;
for (const [name, cmd, args] of steps) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`check ${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
process.exit(failed ? 1 : 0);
