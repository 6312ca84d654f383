// The architecture's import boundaries are lint rules (eslint.config.js); this proves each rule
// reports a violating file and lets a clean one pass. The fixtures in test/lint/fixtures are linted
// under a borrowed path inside the rule's glob (they are excluded from the normal lint and typecheck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = path.join(ROOT, 'apps/server/test/lint/fixtures');

/** The boundary rules alone, without type information (a borrowed path is in no tsconfig). */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('xinhuo/') || ruleId === 'no-restricted-imports',
});

async function lintFixture(fixture: string, borrowedPath: string): Promise<string[]> {
  const text = readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, borrowedPath) });
  assert.ok(result, 'ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'fixture must parse');
  return result.messages.map((m) => `${m.ruleId}:${m.line}`);
}

const cases: { name: string; fixture: string; as: string; expect: string[] }[] = [
  {
    name: 'a module imports another module only through its index.ts',
    fixture: 'module-past-index.ts',
    as: 'apps/server/src/modules/people/fixture.ts',
    expect: ['xinhuo/module-through-index:2', 'xinhuo/module-through-index:3'],
  },
  {
    name: 'Kysely appears only in repositories and table files',
    fixture: 'kysely-in-service.ts',
    as: 'apps/server/src/modules/org/fixture.service.ts',
    expect: ['no-restricted-imports:2', 'no-restricted-imports:3', 'xinhuo/query-in-repository:5'],
  },
  ...[
    'apps/server/src/modules/org/fixture.service.ts',
    'apps/server/src/demo/fixture.ts',
    'apps/server/src/fixture.ts',
  ].map((as) => ({
    name: `SQL is built only in repositories and table files (${as})`,
    fixture: 'query-in-service.ts',
    as,
    // A call is reported where its chain starts: selectFrom, insertInto, updateTable, deleteFrom; with and the
    // selectFrom after it (both from l.15) and the one inside it; the tag and sql.raw. The look-alikes pass.
    expect: [8, 9, 13, 14, 15, 15, 16, 20, 20].map((line) => `xinhuo/query-in-repository:${line}`),
  })),
  {
    name: 'database drivers are opened only in platform/db',
    fixture: 'driver-outside-db.ts',
    as: 'apps/server/src/platform/audit/fixture.ts',
    expect: ['no-restricted-imports:2'],
  },
  {
    name: 'platform never imports a module or database.ts',
    fixture: 'platform-imports-domain.ts',
    as: 'apps/server/src/platform/notify/fixture.ts',
    expect: ['xinhuo/platform-independent:2', 'xinhuo/platform-independent:3'],
  },
  {
    name: 'the web never imports server code, by package name or relative path',
    fixture: 'web-imports-server.ts',
    as: 'apps/web/src/lib/fixture.ts',
    expect: ['xinhuo/web-no-server:2', 'xinhuo/web-no-server:3', 'xinhuo/web-no-server:4'],
  },
  {
    name: "a web page folder does not import another page folder's files",
    fixture: 'page-reaches-page.ts',
    as: 'apps/web/src/pages/meetings/Fixture.tsx',
    expect: ['xinhuo/page-isolation:2'],
  },
  {
    name: 'clean: a module importing through index.ts, the platform and its own files',
    fixture: 'clean-module.ts',
    as: 'apps/server/src/modules/people/fixture.service.ts',
    expect: [],
  },
  {
    name: 'clean: Kysely in a repository',
    fixture: 'clean-repository.ts',
    as: 'apps/server/src/modules/org/fixture.repository.ts',
    expect: [],
  },
  {
    name: 'clean: a page importing components/, features/, api/ and its own folder',
    fixture: 'clean-page.ts',
    as: 'apps/web/src/pages/meetings/Fixture.tsx',
    expect: [],
  },
];

for (const c of cases) {
  test(`lint boundary — ${c.name}`, async () => {
    assert.deepEqual(await lintFixture(c.fixture, c.as), c.expect);
  });
}

test('lint boundary — SQL may be built in repositories, table files and database.ts', async () => {
  for (const as of [
    'apps/server/src/modules/org/org.repository.ts',
    'apps/server/src/modules/matters/workflow/fixture.repository.ts',
    'apps/server/src/modules/org/org.tables.ts',
    'apps/server/src/database.ts',
  ])
    assert.deepEqual(await lintFixture('query-in-service.ts', as), [], as);
});

test('lint boundary — the same file passes where the rule does not apply', async () => {
  // Kysely is fine in a repository; the page import is fine inside the same page folder.
  assert.deepEqual(
    await lintFixture('kysely-in-service.ts', 'apps/server/src/modules/org/org.repository.ts'),
    [],
  );
  assert.deepEqual(await lintFixture('page-reaches-page.ts', 'apps/web/src/pages/matters/Fixture.tsx'), []);
});
