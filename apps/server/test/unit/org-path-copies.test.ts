// A moved org rewrites every copy of its path (org.repository's PATH_COPIES). This test reads the
// table files and fails when a table gains a `*_path` column that the list does not name.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PATH_COPIES } from '../../src/modules/org/org.repository';

const SRC = path.resolve(import.meta.dirname, '../../src');
/** Tables whose path columns are not copies of an org's path (the org tree itself). */
const NOT_COPIES = new Set(['orgs']);
/** Columns named `*_path` that hold no org path: a class graduate's later career, as text. */
const NOT_ORG_PATHS = new Set(['univ_students.later_path']);

function tableFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tableFiles(p) : e.name.endsWith('.tables.ts') ? [p] : [];
  });
}

/** `interface XxxTable { … }` bodies → table name (snake case of Xxx, as database.ts maps them) and path columns. */
function pathColumns(): [string, string][] {
  const database = fs.readFileSync(path.join(SRC, 'database.ts'), 'utf8');
  // `name: XxxTable;` or an intersection `name: XxxTable & Yyy;`: every interface named maps to the table.
  const tableOf = new Map(
    [...database.matchAll(/^\s+(\w+): (\w+Table(?: & \w+)*);/gm)].flatMap((m) =>
      m[2]!.split(' & ').map((i) => [i, m[1]!] as const),
    ),
  );
  const found: [string, string][] = [];
  for (const file of tableFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
      const table = tableOf.get(m[1]!);
      if (!table || NOT_COPIES.has(table)) continue;
      for (const c of m[2]!.matchAll(/^\s+(\w+_path)\??:/gm))
        if (!NOT_ORG_PATHS.has(`${table}.${c[1]!}`)) found.push([table, c[1]!]);
    }
  }
  return found;
}

test('every org path copy in a table is rewritten when an org moves', () => {
  const listed = new Set(PATH_COPIES.map(([t, c]) => `${t}.${c}`));
  const found = pathColumns().map(([t, c]) => `${t}.${c}`);
  assert.ok(found.length >= PATH_COPIES.length, `found only ${found.join(', ')}`);
  assert.deepEqual(
    found.filter((c) => !listed.has(c)),
    [],
    'path columns missing from PATH_COPIES in org.repository.ts',
  );
  assert.deepEqual(
    [...listed].filter((c) => !found.includes(c)),
    [],
    'PATH_COPIES names a column that no table has',
  );
});
