import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.cache/**', 'artifacts/**', '**/*.cjs', '**/vendor/**', '**/public/**', 'packages/client/src/schema.ts'] },
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
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @sluice/config.' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'infra/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' } },
  },
);
