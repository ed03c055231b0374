// @ts-check
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default defineConfig(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.tools/**', 'bench/results/**', 'test-results/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['apps/web/*.config.ts', 'packages/db/*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Parsed JSON and test fixtures are `unknown`/`any` by nature; zod at the boundary is the real guard.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Activities and route handlers are async to match their interfaces even when the body is synchronous.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The web app's hooks: call order and effect dependencies. The plugin's React Compiler rules (refs, purity,
    // set-state-in-effect, ...) are left off: the app is not compiled with it and uses the latest-value ref pattern on purpose.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // `expect(activities.sendEmail)` and friends pass methods around on purpose.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Workflow code is replayed deterministically inside Temporal's sandbox: no I/O, clocks or randomness from Node.
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.test.ts', 'workflows/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must not import Node built-ins (it runs in the Temporal sandbox).',
          })),
          patterns: [
            {
              group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client'],
              message: 'Workflows import only @temporalio/workflow.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL lives in packages/db only (one data layer for both backends, #13): apps call its functions.
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='$client'][property.name=/^(prepare|exec|pragma|transaction)$/]",
          message: 'SQL and transactions live in packages/db: add a query function there (or use writeTransaction) and call it.',
        },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'drizzle-orm', message: 'Queries live in packages/db: add a function there and call it.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
