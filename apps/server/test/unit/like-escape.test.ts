import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeLike } from '../../src/platform/db/like';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('escapeLike makes %, _ and \\ literal', () => {
  assert.equal(escapeLike('100%_a\\b'), '100\\%\\_a\\\\b');
});

test('LIKE is written only by platform/db/like.ts (which always adds ESCAPE)', () => {
  const offenders = sources(SRC)
    .filter((f) => !f.endsWith(path.join('platform', 'db', 'like.ts')))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(SRC, f)}:${i + 1}` }))
        .filter(({ line }) => /['"]\s*(i?like)\s*['"]|\s(i?like)\s+\$\{/i.test(line)),
    )
    .map((o) => o.at);
  assert.deepEqual(offenders, []);
});
