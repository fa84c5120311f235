// Poison records: whatever lands on a topic Sluice consumes (not JSON, JSON of the wrong shape, a
// tombstone, binary, invalid UTF-8, a megabyte, a prototype-pollution attempt, a valid-looking event
// with a bad field) goes to `<topic>.dlq` without its payload, and every consumer (capacity on
// requests; the status projector and notifier on decisions) carries on deciding and notifying.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@sluice/contracts';
import { waitFor, type SluiceProcess } from '@sluice/testkit';
import { faultRig, load, practiceCodes, setCapacity } from './fault-kit';

jest.setTimeout(180_000);

const MARK = `secret-${randomUUID()}`; // must never appear in a dead letter
const poison = (practice: string): { key: string | null; value: Buffer | string | null }[] => [
  { key: practice, value: `{"not json ${MARK}` },
  { key: practice, value: JSON.stringify([MARK]) },
  {
    key: practice,
    value: JSON.stringify({
      type: 'consultation.requested',
      version: 1,
      id: randomUUID(),
      practice,
      description: MARK,
    }),
  },
  { key: practice, value: null },
  { key: null, value: Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]) },
  { key: practice, value: `{"description":"${MARK}${'x'.repeat(900_000)}"}` },
  { key: practice, value: `{"__proto__":{"polluted":"${MARK}"},"constructor":{"prototype":{"x":1}}}` },
  {
    key: 'not-an-ods-code',
    value: JSON.stringify({
      type: 'consultation.decided',
      version: 1,
      id: 'not-a-uuid',
      practice,
      sequence: -1,
      outcome: MARK,
    }),
  },
  { key: practice, value: '' },
];

describe('fault: poison records on every consumed topic', () => {
  const rig = faultRig();

  it('error: poison records go to the dead-letter topics without their payload, and every consumer carries on', async () => {
    // LOG_LEVEL info: the log channel's "patient message" lines are how this test sees the notifier send.
    const { env, procs } = await rig.startSluice([['intake'], ['capacity'], ['notifier']], { LOG_LEVEL: 'info' });
    const [intake, capacity, notifier] = procs as [SluiceProcess, SluiceProcess, SluiceProcess];
    const [practice] = practiceCodes(1, 'J');
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, [practice!], 20);

    const kafka = new Kafka({ clientId: 'poison', brokers: rig.broker.brokers, logLevel: logLevel.NOTHING });
    // A plain producer: this test writes poison, it does not test the producer (kafkajs's idempotent
    // one can trip over its own sequence numbers after a timeout on a loaded machine).
    const producer = kafka.producer({ retry: { retries: 10 } });
    await producer.connect();
    const records = poison(practice!);
    for (const topic of [TOPICS.requested, TOPICS.decided]) {
      await producer.send({ topic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value })) });
    }
    await producer.disconnect();
    // What is on each topic now is all poison (nothing else has been published yet on this private
    // broker), and may be more than `records`: a plain producer that timed out on a loaded machine
    // sends its batch again. Every record that landed must get its dead letter, however many there are.
    const landed = async (topic: string) => {
      const admin = kafka.admin();
      await admin.connect();
      const n = (await admin.fetchTopicOffsets(topic)).reduce((s, p) => s + Number(p.high), 0);
      await admin.disconnect();
      return n;
    };
    const onRequested = await landed(TOPICS.requested);
    const onDecided = await landed(TOPICS.decided);
    expect(onRequested).toBeGreaterThanOrEqual(records.length);
    expect(onDecided).toBeGreaterThanOrEqual(records.length);

    // The consumers carry on: fresh requests are decided (capacity), shown (status projector) and sent (notifier).
    const { answers } = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices: [practice!],
      total: 10,
      concurrency: 2,
    });
    for (const a of answers) {
      await waitFor(
        async () =>
          ((await (await fetch(`${intake.url}/v1/requests/${a.id}`)).json()) as { status: string }).status !==
          'received',
        { timeoutMs: 60_000, what: `a decision for ${a.id}` },
      );
      await waitFor(() => notifier.lines.some((l) => l.includes(a.id!) && l.includes('patient message')), {
        timeoutMs: 30_000,
        what: `a message for ${a.id}`,
      });
    }

    const readAll = async (topic: string) => {
      const end = await landed(topic);
      const consumer = kafka.consumer({ groupId: `poison-read-${randomUUID()}`, maxWaitTimeInMs: 100 });
      const values: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
      await waitFor(() => values.length >= end, { timeoutMs: 30_000, what: `all of ${topic}` });
      await consumer.disconnect();
      return values;
    };
    const requestLetters = await readAll(`${TOPICS.requested}.dlq`);
    // The decided topic has two consumer groups (status projector, notifier): each dead-letters what it cannot read.
    const decidedLetters = await readAll(`${TOPICS.decided}.dlq`);
    console.log(
      `[faults] poison records: ${records.length} kinds, ${onRequested} landed on ${TOPICS.requested} → ${requestLetters.length} dead letters; ` +
        `${onDecided} landed on ${TOPICS.decided} → ${decidedLetters.length} dead letters (2 consumer groups); ` +
        `then ${answers.length} fresh requests: all decided and notified; payload leaked into a dead letter: ${[...requestLetters, ...decidedLetters].some((l) => l.includes(MARK))}`,
    );
    // One dead letter per poison record per consumer group: none lost, none doubled.
    const offsets = (letters: string[]) =>
      letters.map((l) => {
        const d = JSON.parse(l) as { partition: number; offset: string };
        return `${d.partition}/${d.offset}`;
      });
    expect(requestLetters).toHaveLength(onRequested);
    expect(new Set(offsets(requestLetters)).size).toBe(onRequested);
    expect(decidedLetters).toHaveLength(2 * onDecided);
    expect(new Set(offsets(decidedLetters)).size).toBe(onDecided);
    for (const l of [...requestLetters, ...decidedLetters]) {
      expect(l).not.toContain(MARK);
      expect(JSON.parse(l)).toMatchObject({ type: 'dead-letter', error: expect.any(String) });
    }
    expect(procs.every((p) => p.proc.exitCode === null)).toBe(true);
  });
});
