import { ConfigError, clockFrom, loadEnv, ManualClock, publicUrl, runningClock, systemClock } from './index';

describe('loadEnv', () => {
  it('happy: the embedded default needs no settings', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 8080,
      SLUICE_BUS: 'in-process',
      SLUICE_STORE: 'memory',
      SLUICE_NOTIFY_CHANNEL: 'log',
    });
    expect(publicUrl(env)).toBe('http://localhost:8080');
  });
  it('happy: the record is PGlite or memory unless DATABASE_URL names a PostgreSQL server', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SLUICE_DATA_DIR).toBeUndefined();
    expect(env.SLUICE_HISTORY_RETENTION_DAYS).toBe(730);
    expect(
      loadEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sluice', SLUICE_DATA_DIR: '/var/lib/sluice' }),
    ).toMatchObject({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sluice', SLUICE_DATA_DIR: '/var/lib/sluice' });
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
  it('error: names every bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', SLUICE_BUS: 'carrier-pigeon' })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: 'eighty', SLUICE_BUS: 'carrier-pigeon' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/SLUICE_BUS/);
    }
  });
  it('happy: SLUICE_NOW fixes the clock', () => {
    const clock = clockFrom(loadEnv({ SLUICE_NOW: '2026-11-30T09:15:00Z' }));
    expect(clock.now().toISOString()).toBe('2026-11-30T09:15:00.000Z');
  });
  it('happy: SLUICE_CLOCK=running reads SLUICE_NOW at the epoch and moves with real time', () => {
    expect(loadEnv({}).SLUICE_CLOCK).toBe('fixed');
    let real = 1_000_000;
    const clock = runningClock('2026-11-30T09:15:00Z', () => real, real);
    real += 1_500;
    expect(clock.now().toISOString()).toBe('2026-11-30T09:15:01.500Z');
    const epoch = new Date(Date.now() - 60_000).toISOString();
    const fromEnv = clockFrom(
      loadEnv({ SLUICE_NOW: '2026-11-30T09:15:00Z', SLUICE_CLOCK: 'running', SLUICE_CLOCK_EPOCH: epoch }),
    );
    expect(Math.abs(fromEnv.now().getTime() - Date.parse('2026-11-30T09:16:00Z'))).toBeLessThan(5_000);
  });

  it('happy: a process started 9 minutes after another (a restart) reads the same time, not 9 minutes behind', () => {
    const env = loadEnv({
      SLUICE_NOW: '2026-11-30T09:00:00Z',
      SLUICE_CLOCK: 'running',
      SLUICE_CLOCK_EPOCH: '2026-12-04T03:00:00Z',
    });
    let real = Date.parse('2026-12-04T03:01:00Z');
    const intake = clockFrom(env, () => real); // started at 03:01
    real = Date.parse('2026-12-04T03:10:00Z');
    const capacity = clockFrom(env, () => real); // restarted at 03:10
    real += 135;
    expect(capacity.now().toISOString()).toBe(intake.now().toISOString());
    expect(capacity.now().toISOString()).toBe('2026-11-30T09:10:00.135Z');
    // What capacity would have measured for a request intake took 135 ms earlier: 135 ms.
    const receivedAt = intake.now().getTime() - 135;
    expect(capacity.now().getTime() - receivedAt).toBe(135);
  });

  it('error: SLUICE_CLOCK=running without SLUICE_CLOCK_EPOCH is refused at start, naming it', () => {
    expect(() => loadEnv({ SLUICE_NOW: '2026-11-30T09:15:00Z', SLUICE_CLOCK: 'running' })).toThrow(
      /SLUICE_CLOCK_EPOCH: required with SLUICE_CLOCK=running/,
    );
    expect(() => loadEnv({ SLUICE_CLOCK: 'running' })).not.toThrow(); // no SLUICE_NOW: wall time
    expect(clockFrom(loadEnv({ SLUICE_CLOCK: 'running' }))).toBe(systemClock);
  });

  it('happy: a manual clock moves only when told', () => {
    const c = new ManualClock('2026-11-30T09:00:00Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2026-11-30T09:01:00.000Z');
  });
});

describe('notification settings', () => {
  const key = 'live-0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d-9d9b2f1e-2a3b-4c5d-8a7e-0b0f6d3e4b9e';
  it('happy: Notify settings parse, template ids by message type', () => {
    const env = loadEnv({
      SLUICE_NOTIFY_CHANNEL: 'notify',
      NOTIFY_API_KEY: key,
      NOTIFY_TEMPLATE_IDS: JSON.stringify({ 'accepted-routine': { sms: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d' } }),
      SLUICE_NOTIFY_PRACTICE_CHANNELS: 'a81001=webhook, B82005=log',
      SLUICE_WEBHOOK_URL: 'https://practice.example/hooks/sluice',
      SLUICE_WEBHOOK_SECRET: 'x'.repeat(32),
    });
    expect(env.NOTIFY_TEMPLATE_IDS['accepted-routine']?.sms).toBe('0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d');
    expect(env.SLUICE_NOTIFY_PRACTICE_CHANNELS).toEqual({ A81001: 'webhook', B82005: 'log' });
    expect(env.NOTIFY_RATE_PER_MINUTE).toBe(3000);
  });
  it('error: the notify channel without a key, and a webhook without a secret, fail at start', () => {
    expect(() => loadEnv({ SLUICE_NOTIFY_CHANNEL: 'notify' })).toThrow(/NOTIFY_API_KEY/);
    expect(() =>
      loadEnv({ SLUICE_NOTIFY_PRACTICE_CHANNELS: 'A81001=webhook', SLUICE_WEBHOOK_URL: 'https://x.example' }),
    ).toThrow(/SLUICE_WEBHOOK_SECRET/);
  });
  it('error: a malformed key, template map or practice channel is named', () => {
    expect(() => loadEnv({ NOTIFY_API_KEY: 'not-a-key' })).toThrow(/NOTIFY_API_KEY/);
    expect(() => loadEnv({ NOTIFY_TEMPLATE_IDS: '{"accepted-routine":{"sms":"nope"}}' })).toThrow(
      /NOTIFY_TEMPLATE_IDS/,
    );
    expect(() => loadEnv({ NOTIFY_TEMPLATE_IDS: '{not json' })).toThrow(/NOTIFY_TEMPLATE_IDS/);
    expect(() => loadEnv({ SLUICE_NOTIFY_PRACTICE_CHANNELS: 'A81001=pigeon' })).toThrow(
      /SLUICE_NOTIFY_PRACTICE_CHANNELS/,
    );
  });
});

describe('Kafka settings', () => {
  it('happy: replication is the broker default unless set, publishes wait 15 s at most, no TLS or SASL', () => {
    const env = loadEnv({});
    expect(env.KAFKA_REPLICATION_FACTOR).toBeUndefined();
    expect(env.KAFKA_MIN_INSYNC_REPLICAS).toBeUndefined();
    expect(env).toMatchObject({
      KAFKA_PUBLISH_TIMEOUT_MS: 15_000,
      KAFKA_SSL: false,
      KAFKA_SSL_REJECT_UNAUTHORIZED: true,
    });
    expect(loadEnv({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toMatchObject({
      KAFKA_REPLICATION_FACTOR: 3,
      KAFKA_MIN_INSYNC_REPLICAS: 2,
    });
  });
  it('error: SASL without credentials, a CA file without TLS, and min ISR above the replicas are refused at start', () => {
    expect(() => loadEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'sluice' })).toThrow(
      /KAFKA_SASL_PASSWORD/,
    );
    expect(() => loadEnv({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(() => loadEnv({ KAFKA_SSL_CA_FILE: '/etc/ca.pem' })).toThrow(/KAFKA_SSL_CA_FILE/);
    expect(() => loadEnv({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(
      /KAFKA_MIN_INSYNC_REPLICAS/,
    );
    expect(() => loadEnv({ KAFKA_REPLICATION_FACTOR: '0' })).toThrow(/KAFKA_REPLICATION_FACTOR/);
  });
});
