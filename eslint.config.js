// Lint with type-aware rules, and check the architecture's boundaries so they cannot drift from the code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';

const noDb = ['kysely', 'better-sqlite3', 'pg'];

// Import boundaries of the architecture (docs/ARCHITECTURE.md) as rules. Each resolves an import's
// path against the importing file, so no spelling of a path (`../x`, `../../modules/x`, `./a/../../x`)
// slips through; bare package names are judged by name. Tested in apps/server/test/unit/lint-boundaries.test.ts.
const ROOT = import.meta.dirname;
const SERVER_SRC = path.join(ROOT, 'apps/server/src');
const MODULES = path.join(SERVER_SRC, 'modules');
const PLATFORM = path.join(SERVER_SRC, 'platform');
const DATABASE = path.join(SERVER_SRC, 'database');
const SERVER_APP = path.join(ROOT, 'apps/server');
const PAGES = path.join(ROOT, 'apps/web/src/pages');

/** The part of `file` under `dir` as path segments, or undefined when `file` is not under `dir`. */
function under(dir, file) {
  const rel = path.relative(dir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep);
}

/** Strip `.ts`/`.tsx`/`.js` so `x`, `x.ts` and `x.js` name the same module. */
function withoutExt(file) {
  return file.replace(/\.(tsx?|jsx?|mjs)$/, '');
}

/**
 * A rule that calls `check(target, source)` for every import/export-from/dynamic import of the
 * file, with `target` the absolute resolved path (relative specifiers) or undefined (packages);
 * `check` returns a message when the import crosses a boundary.
 */
function importRule(description, check) {
  return {
    meta: { type: 'problem', docs: { description }, schema: [] },
    create(context) {
      const file = path.resolve(context.cwd, context.filename);
      const verify = (node) => {
        if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
        const source = node.value;
        const target = source.startsWith('.')
          ? withoutExt(path.resolve(path.dirname(file), source))
          : undefined;
        const message = check(file, target, source);
        if (message) context.report({ node, message });
      };
      return {
        ImportDeclaration: (n) => verify(n.source),
        ExportNamedDeclaration: (n) => verify(n.source),
        ExportAllDeclaration: (n) => verify(n.source),
        ImportExpression: (n) => verify(n.source),
        TSImportType: (n) => verify(n.argument?.literal ?? n.argument),
      };
    },
  };
}

/** Kysely's query-building entry points: a call to one of these on anything is building SQL. */
const QUERY_STARTS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'with']);

/**
 * Query building (`x.selectFrom(…)`, `.insertInto`, `.updateTable`, `.deleteFrom`, `.with`) and the
 * `sql` tag (`sql\`…\``, `sql.raw(…)`, …) are reported; the config applies it outside repositories
 * and table files. It judges by name, without types: a `db` handed in from elsewhere is caught too.
 */
const queryInRepository = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL is built only in repositories and table files.' },
    schema: [],
  },
  create(context) {
    const message = 'Build queries in a *.repository.ts and call it from here.';
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed) return;
        if (callee.property.type === 'Identifier' && QUERY_STARTS.has(callee.property.name))
          context.report({ node, message });
        else if (callee.object.type === 'Identifier' && callee.object.name === 'sql')
          context.report({ node: callee, message });
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type === 'Identifier' && node.tag.name === 'sql')
          context.report({ node: node.tag, message });
      },
    };
  },
};

const boundaries = {
  meta: { name: 'xinhuo-boundaries' },
  rules: {
    'query-in-repository': queryInRepository,
    // modules/a/** may import modules/b only as modules/b/index.
    'module-through-index': importRule(
      'A module reaches another module only through its index.ts.',
      (file, target) => {
        const from = under(MODULES, file);
        const to = target && under(MODULES, target);
        if (!from || !to || from[0] === to[0]) return undefined;
        if (to.length === 1 || (to.length === 2 && to[1] === 'index')) return undefined;
        return `Reach module '${to[0]}' through its index.ts, not '${to.slice(1).join('/')}'.`;
      },
    ),
    // platform/** knows nothing of the domain: no modules, no database.ts (the app's table union).
    'platform-independent': importRule(
      'platform/ imports neither modules/ nor database.ts.',
      (file, target) => {
        if (!under(PLATFORM, file) || !target) return undefined;
        if (under(MODULES, target) || target === MODULES) return 'platform/ must not import modules/.';
        if (target === DATABASE) return 'platform/ must not import database.ts; type against its own tables.';
        return undefined;
      },
    ),
    // The web reaches the server over HTTP only.
    'web-no-server': importRule('The web app never imports server code.', (_file, target, source) => {
      if (target ? target === SERVER_APP || under(SERVER_APP, target) : /^@xinhuo\/server(\/|$)/.test(source))
        return 'The web app reaches the server over HTTP only.';
      return undefined;
    }),
    // pages/a/** does not reach into pages/b/**: what two pages share lives in components/ or features/.
    'page-isolation': importRule(
      "A page folder does not import another page folder's files.",
      (file, target) => {
        const from = under(PAGES, file);
        const to = target && under(PAGES, target);
        if (!from || !to || from.length < 2 || to.length < 2 || from[0] === to[0]) return undefined;
        return `pages/${from[0]} must not import pages/${to.join('/')}; move what is shared to components/ or features/.`;
      },
    ),
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
      // Deliberately broken files, linted under a borrowed path by lint-boundaries.test.ts.
      'apps/server/test/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { xinhuo: boundaries },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render user text as text.',
        },
      ],
    },
  },
  {
    // process.env is read once, by platform/config.ts.
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/platform/config.ts', 'apps/server/src/cli.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through platform/config.ts.' },
      ],
    },
  },
  {
    // Modules meet through index.ts; the platform knows nothing of the domain.
    files: ['apps/server/src/**/*.ts'],
    rules: { 'xinhuo/module-through-index': 'error', 'xinhuo/platform-independent': 'error' },
  },
  {
    // The query builder and the drivers stay behind repositories and table files (database.ts
    // composes the table types; platform/ owns the connection).
    files: ['apps/server/src/modules/**/*.ts', 'apps/server/src/*.ts', 'apps/server/src/demo/**/*.ts'],
    ignores: [
      'apps/server/src/modules/**/*.repository.ts',
      'apps/server/src/modules/**/*.tables.ts',
      'apps/server/src/database.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noDb.map((name) => ({ name, message: 'Database access belongs in a repository.' })) },
      ],
      'xinhuo/query-in-repository': 'error',
    },
  },
  {
    // The drivers are opened once, in platform/db.
    files: ['apps/server/src/platform/**/*.ts'],
    ignores: ['apps/server/src/platform/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'pg'].map((name) => ({
            name,
            message: 'Database connections are opened in platform/db.',
          })),
        },
      ],
    },
  },
  {
    // Migrations are frozen in time: they type against the schema of their day, not today's tables.
    files: ['apps/server/src/platform/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The web app talks to the server only over HTTP; ECharts and fetch are wrapped once.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'xinhuo/web-no-server': 'error',
      'xinhuo/page-isolation': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [...noDb, 'fastify'].map((name) => ({
            name,
            message: 'The web app reaches the server over HTTP only.',
          })),
          patterns: [
            {
              group: ['echarts', 'echarts/*', 'echarts-for-react', 'echarts-for-react/*'],
              message: 'Use components/Chart.tsx.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the API client in src/api.' }],
    },
  },
  {
    files: ['apps/web/src/components/Chart.tsx', 'apps/web/src/components/chart/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['apps/web/src/api/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', 'no-restricted-properties': 'off' },
  },
);
