import { kafkaBrokers, toolPath, uniqueName, waitFor } from './index';

describe('waitFor', () => {
  it('happy: resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : null), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('happy: a predicate that throws counts as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not ready');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('error: times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 30, intervalMs: 5, what: 'the broker' },
      ),
    ).rejects.toThrow(/Timed out after 30 ms waiting for the broker \(last error: connection refused\)/);
  });

  it('error: times out with the last falsy value', async () => {
    await expect(waitFor(() => 0, { timeoutMs: 20, intervalMs: 5, what: 'a count' })).rejects.toThrow(
      /a count \(last value: 0\)/,
    );
  });
});

describe('uniqueName', () => {
  it('happy: keeps the prefix and differs every call', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('intake.requests')));
    expect(names.size).toBe(1000);
    for (const n of names) expect(n.startsWith('intake.requests-')).toBe(true);
  });

  it('edge: yields only characters legal in Kafka topic names', () => {
    expect(uniqueName('Practice A/B: test')).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});

describe('environment helpers', () => {
  // Put back exactly the variables these tests touch: the real run has them set.
  const touched = ['KAFKA_BROKERS', 'CHROMIUM_PATH', 'SLUICE_TOOL_PROBLEMS'] as const;
  const saved = Object.fromEntries(touched.map((k) => [k, process.env[k]]));
  afterEach(() => {
    for (const k of touched) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('error: kafkaBrokers() says to run through pnpm test when KAFKA_BROKERS is unset', () => {
    delete process.env.KAFKA_BROKERS;
    expect(() => kafkaBrokers()).toThrow('run through `pnpm test`, which starts a broker');
  });

  it('happy: kafkaBrokers() splits a comma list', () => {
    process.env.KAFKA_BROKERS = '127.0.0.1:1, 127.0.0.1:2';
    expect(kafkaBrokers()).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
  });

  it('error: toolPath() fails with the reason scripts/tools.mjs recorded', () => {
    delete process.env.CHROMIUM_PATH;
    process.env.SLUICE_TOOL_PROBLEMS = 'chromium: not running as root';
    expect(() => toolPath('CHROMIUM_PATH')).toThrow(
      /CHROMIUM_PATH is not set: scripts\/tools.mjs reported: chromium: not running as root/,
    );
  });
});
