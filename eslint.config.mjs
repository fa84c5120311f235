import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.cache/**',
      'artifacts/**',
      '**/*.cjs',
      '**/vendor/**',
      '**/public/**',
      'packages/client/src/schema.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Environment is parsed once, by zod, in @sluice/config: nowhere else reads process.env.
    files: ['packages/**/src/**/*.ts', 'services/**/src/**/*.ts'],
    ignores: ['packages/config/src/**', '**/*.test.ts', 'packages/testkit/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @sluice/config.' },
      ],
    },
  },
  {
    // No import cycles, type imports included: a module and what it imports are read one way round.
    // Workspace packages resolve to their sources, so a cycle through another package counts too.
    files: ['packages/**/src/**/*.ts', 'services/**/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['packages/*/tsconfig.json', 'services/*/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // Services depend on packages only: what two services share lives in a package. The composition
    // root (services/embedded) is the one place that knows every service.
    files: ['services/**/*.ts'],
    ignores: ['services/embedded/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@sluice/(capacity|intake|notifier|web|embedded)(/.*)?$',
              message: 'A service imports packages, never another service; move what is shared into a package.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'infra/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
);
