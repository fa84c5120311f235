import { loadEnv } from '@sluice/config';
import { kafkaClientConfig, kafkaOptionsFromEnv } from './kafka-options';

const base = { brokers: ['b1:9094'], clientId: 'sluice-intake' };

describe('kafka options from settings', () => {
  it('happy: plaintext by default: no ssl or sasl key, no rack, replication left to the broker', () => {
    const o = kafkaOptionsFromEnv(loadEnv({ KAFKA_BROKERS: 'b1:9092, b2:9092' }), () => 'unread');
    expect(o).toEqual({ brokers: ['b1:9092', 'b2:9092'], publishTimeoutMs: 15_000 });
    const c = kafkaClientConfig({ ...base, ...o });
    expect(c).not.toHaveProperty('ssl');
    expect(c).not.toHaveProperty('sasl');
  });

  it('happy: TLS with the system roots, or with a private CA read from its file', () => {
    expect(
      kafkaClientConfig({ ...base, ...kafkaOptionsFromEnv(loadEnv({ KAFKA_SSL: 'true' }), () => 'unread') }).ssl,
    ).toBe(true);
    const read: string[] = [];
    const o = kafkaOptionsFromEnv(
      loadEnv({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/etc/sluice/ca.pem' }),
      (p) => (read.push(p), '-----BEGIN CERTIFICATE-----\nX\n'),
    );
    expect(read).toEqual(['/etc/sluice/ca.pem']);
    expect(kafkaClientConfig({ ...base, ...o }).ssl).toEqual({
      ca: ['-----BEGIN CERTIFICATE-----\nX\n'],
      rejectUnauthorized: true,
    });
    const lax = kafkaOptionsFromEnv(loadEnv({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }), () => '');
    expect(kafkaClientConfig({ ...base, ...lax }).ssl).toEqual({ rejectUnauthorized: false });
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'happy: SASL %s with its username and password',
    (mechanism) => {
      const o = kafkaOptionsFromEnv(
        loadEnv({
          KAFKA_SSL: 'true',
          KAFKA_SASL_MECHANISM: mechanism,
          KAFKA_SASL_USERNAME: 'sluice',
          KAFKA_SASL_PASSWORD: 's3cret',
        }),
        () => '',
      );
      const c = kafkaClientConfig({ ...base, ...o });
      expect(c.sasl).toEqual({ mechanism, username: 'sluice', password: 's3cret' });
      expect(c.ssl).toBe(true);
    },
  );

  it('happy: rack, replication, min ISR and publish timeout pass through', () => {
    const o = kafkaOptionsFromEnv(
      loadEnv({
        KAFKA_CLIENT_RACK: 'eu-west-2a',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_PUBLISH_TIMEOUT_MS: '4000',
      }),
      () => '',
    );
    expect(o).toMatchObject({ rack: 'eu-west-2a', replicationFactor: 3, minInsyncReplicas: 2, publishTimeoutMs: 4000 });
  });
});
