// Shared jest settings: every package's jest.config.cjs spreads this.
// TypeScript is compiled by swc (no type-check here: `pnpm typecheck` does that once).
const path = require('node:path');

module.exports = function jestConfig(dir) {
  const name = path.basename(dir);
  return {
    rootDir: dir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    testTimeout: 60_000,
    displayName: name,
    // The summary reporter feeds the `tests: N passed, N failed` line printed by `pnpm test`.
    reporters: ['default', [path.join(__dirname, 'scripts', 'jest-summary-reporter.cjs'), {}]],
  };
};
