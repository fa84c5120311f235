// The bus's TLS settings against a real broker with a TLS listener: a private CA and a broker
// certificate (SAN IP 127.0.0.1) made by openssl in the test, the CA handed to the bus the way the
// runtime does (KAFKA_SSL + KAFKA_SSL_CA_FILE through kafkaOptionsFromEnv).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '@sluice/config';
import { startPrivateKafka, uniqueName, type PrivateKafka } from '@sluice/testkit';
import { KafkaEventBus } from './kafka-event-bus';
import { kafkaOptionsFromEnv } from './kafka-options';

jest.setTimeout(120_000);

function makeCertificates(dir: string): { ca: string; keystore: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Sluice test CA',
  );
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'broker.key', '-out', 'broker.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'broker.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'broker.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  // Kafka's PEM keystore: an unencrypted PKCS#8 key followed by the certificate chain, in one file.
  run('pkcs8', '-topk8', '-nocrypt', '-in', 'broker.key', '-out', 'broker.pk8');
  const keystore = path.join(dir, 'keystore.pem');
  fs.writeFileSync(
    keystore,
    fs.readFileSync(path.join(dir, 'broker.pk8'), 'utf8') +
      fs.readFileSync(path.join(dir, 'broker.pem'), 'utf8') +
      fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
  );
  return { ca: path.join(dir, 'ca.pem'), keystore };
}

describe('Kafka bus over TLS (a broker with a certificate from a private CA)', () => {
  let dir: string;
  let broker: (PrivateKafka & { sslBrokers?: string[] }) | undefined;
  let certs: { ca: string; keystore: string };
  const buses: KafkaEventBus[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-tls-'));
    certs = makeCertificates(dir);
    broker = await startPrivateKafka({ sslKeystore: certs.keystore });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await broker?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('happy: with KAFKA_SSL and the CA file, topics are made, and a message goes out and comes back over TLS', async () => {
    const tls = broker!.sslBrokers!;
    const env = loadEnv({ KAFKA_BROKERS: tls.join(','), KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: certs.ca });
    const bus = new KafkaEventBus({
      ...kafkaOptionsFromEnv(env, (f) => fs.readFileSync(f, 'utf8')),
      clientId: uniqueName('tls'),
    });
    buses.push(bus);
    expect(await bus.healthy()).toBe(true);
    const t = `tls.${randomUUID().slice(0, 8)}`;
    await bus.ensureTopics([t], 3);
    const got: string[] = [];
    const sub = await bus.subscribe({
      groupId: uniqueName('tls-g'),
      topics: [t],
      handleBatch: async (ms) => void got.push(...ms.map((m) => m.value)),
    });
    await bus.publish(t, [{ key: 'A81001', value: 'over tls' }]);
    const t0 = Date.now();
    while (got.length === 0 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 100));
    await sub.stop();
    expect(got).toEqual(['over tls']);
  });

  it('security: without the private CA the broker is not trusted (system roots only), so the bus is not healthy', async () => {
    const env = loadEnv({ KAFKA_BROKERS: broker!.sslBrokers!.join(','), KAFKA_SSL: 'true' });
    const bus = new KafkaEventBus({
      ...kafkaOptionsFromEnv(env, () => ''),
      clientId: uniqueName('tls-untrusted'),
      connectionTimeoutMs: 1000,
    });
    buses.push(bus);
    expect(await bus.healthy()).toBe(false);
  });
});
