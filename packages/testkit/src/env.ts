// Where the real infrastructure is. `pnpm test` (scripts/test.mjs) starts a Kafka broker, makes
// sure Redis answers, finds the external tools, and exports their coordinates as environment
// variables; these helpers read them and fail loudly when a test was started some other way.
// (@sluice/testkit is exempt from the "read env only through @sluice/config" lint rule: it *is*
// the test harness's configuration.)

const HOW = 'run through `pnpm test`, which starts a broker';

function required(name: string, what: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new Error(`${name} is not set, so there is no ${what} to test against: ${HOW} (or export ${name} yourself)`);
  }
  return value;
}

/** Bootstrap brokers of the test Kafka, e.g. ['127.0.0.1:28347'], from KAFKA_BROKERS. */
export function kafkaBrokers(): string[] {
  return required('KAFKA_BROKERS', 'Kafka broker')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** URL of the shared test Redis, from REDIS_URL. Use a uniqueName() key prefix per test. */
export function redisUrl(): string {
  return required('REDIS_URL', 'Redis');
}

/** True when the process was started by `pnpm test` with real infrastructure up. */
export function hasTestInfra(): boolean {
  return process.env.SLUICE_TEST_INFRA === '1';
}

export type ToolVar = 'PROMTOOL' | 'PROMETHEUS_BIN' | 'CHROMIUM_PATH' | 'ALERTMANAGER_BIN' | 'AMTOOL';

/**
 * Path of an external tool that scripts/tools.mjs found or installed. When it could not be had,
 * throws with the reason scripts/test.mjs recorded, so the test that needs it fails (never skips)
 * and says why.
 */
export function toolPath(name: ToolVar): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  const problems = process.env.SLUICE_TOOL_PROBLEMS?.trim();
  const why = problems ? `scripts/tools.mjs reported: ${problems}` : `${HOW}, which finds or installs it`;
  throw new Error(`${name} is not set: ${why}`);
}
