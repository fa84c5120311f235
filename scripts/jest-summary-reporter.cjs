// Jest reporter: after each package's run, write {name, passed, failed, skipped} to
// <repo>/.test-results/<displayName>.json. scripts/test.mjs adds these up into the one summary line
// `tests: N passed, N failed` that CI and humans read, whatever turbo printed in between.
// Registered for every package in jest.base.cjs (next to jest's default reporter).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.globalConfig = globalConfig;
    this.outDir = options.outDir ? path.resolve(ROOT, options.outDir) : path.join(ROOT, '.test-results');
  }

  onRunComplete(testContexts, results) {
    const context = [...(testContexts ?? [])][0];
    const displayName = context && context.config && context.config.displayName;
    const name =
      (typeof displayName === 'string' ? displayName : displayName && displayName.name) ||
      path.basename(this.globalConfig.rootDir);
    const summary = {
      name,
      passed: results.numPassedTests,
      // A suite that could not run at all (syntax error, failing import, crash in a hook outside any
      // test) reports no failed *tests*; count each such suite as one failure so it cannot vanish.
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: { total: results.numTotalTestSuites, failed: results.numFailedTestSuites },
      finishedAt: new Date().toISOString(),
    };
    fs.mkdirSync(this.outDir, { recursive: true });
    const file = path.join(this.outDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  }
}

module.exports = SummaryReporter;
