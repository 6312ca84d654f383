// Lint with type-aware rules, and check the architecture's boundaries so they cannot drift from the code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const noDb = ['kysely', 'better-sqlite3', 'pg'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
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
    // The platform knows nothing of the domain.
    files: ['apps/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/ must not import modules/.' }] },
      ],
    },
  },
  {
    // Routes and services never touch the query builder; modules meet through index.ts.
    files: ['apps/server/src/modules/**/*.routes.ts', 'apps/server/src/modules/**/*.service.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: noDb.map((name) => ({
            name,
            message: 'Database access belongs in a repository.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['../*/*.service', '../*/*.repository', '../*/*.routes', '../*/*.tables', '../*/*-*'],
              message: 'Reach another module through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/**/*.routes.ts', 'apps/server/src/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*.service', '../*/*.repository', '../*/*.routes', '../*/*.tables', '../*/*-*'],
              message: 'Reach another module through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the server only over HTTP; ECharts and fetch are wrapped once.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [...noDb, 'fastify'].map((name) => ({
            name,
            message: 'The web app reaches the server over HTTP only.',
          })),
          patterns: [
            {
              group: ['**/apps/server/**', '@xinhuo/server'],
              message: 'The web app reaches the server over HTTP only.',
            },
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
