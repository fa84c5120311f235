/**
 * The one contract every EventBus implementation passes, failure policy included (failure-policy.ts).
 * Run it from each implementation's test file, handing the bus the reporter and policy it is given:
 *   runEventBusContract('in-process', async (o) => ({ bus: new InProcessEventBus(o), cleanup: async () => {} }));
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DeadLetterV1 } from '@sluice/contracts';
import type { ConsumedMessage, EventBus, Subscription } from './event-bus';
import type { FailurePolicyOptions, FailureReporter, HandlerFailure } from './failure-policy';
import { typedBatchHandler } from './typed-handler';

/** What the contract hands the factory: its bus must report failures there and follow this policy. */
export interface BusFixtureOptions {
  failures: FailureReporter;
  policy: FailurePolicyOptions;
}

export interface BusFixture {
  bus: EventBus;
  cleanup: () => Promise<void>;
}

async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitFor(what: string, predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function runEventBusContract(name: string, factory: (o: BusFixtureOptions) => Promise<BusFixture>): void {
  describe(`EventBus contract: ${name}`, () => {
    let fx: BusFixture;
    const subs: Subscription[] = [];
    const topic = (label: string) => `test.${label}.${randomUUID().slice(0, 8)}`;
    const group = (label: string) => `g.${label}.${randomUUID().slice(0, 8)}`;

    const failures: HandlerFailure[] = [];
    const subscribed: { topic: string; group: string }[] = [];
    const reporter: FailureReporter = {
      subscribed: (l) => void subscribed.push(l),
      failed: (f) => void failures.push(f),
    };

    beforeAll(async () => {
      fx = await factory({ failures: reporter, policy: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 200 } });
    });
    afterEach(async () => {
      await Promise.all(subs.splice(0).map((s) => s.stop()));
    });
    afterAll(async () => {
      await fx.bus.close();
      await fx.cleanup();
    });

    it('happy: delivers every message, in order per key', async () => {
      const t = topic('order');
      await fx.bus.ensureTopics([t]);
      const got: ConsumedMessage[] = [];
      subs.push(
        await fx.bus.subscribe({ groupId: group('order'), topics: [t], handleBatch: async (b) => void got.push(...b) }),
      );
      for (let i = 0; i < 30; i++) await fx.bus.publish(t, [{ key: `k${i % 3}`, value: String(i) }]);
      await waitUntil('30 messages', () => got.length >= 30);
      for (const k of ['k0', 'k1', 'k2']) {
        const values = got.filter((m) => m.key === k).map((m) => Number(m.value));
        expect(values).toEqual([...values].sort((a, b) => a - b));
        expect(values).toHaveLength(10);
      }
    });

    it('happy: every consumer group sees every message', async () => {
      const t = topic('groups');
      await fx.bus.ensureTopics([t]);
      const a: string[] = [];
      const b: string[] = [];
      subs.push(
        await fx.bus.subscribe({
          groupId: group('a'),
          topics: [t],
          handleBatch: async (ms) => void a.push(...ms.map((m) => m.value)),
        }),
      );
      subs.push(
        await fx.bus.subscribe({
          groupId: group('b'),
          topics: [t],
          handleBatch: async (ms) => void b.push(...ms.map((m) => m.value)),
        }),
      );
      await fx.bus.publish(
        t,
        [1, 2, 3, 4].map((i) => ({ key: 'k', value: String(i) })),
      );
      await waitUntil('both groups', () => a.length >= 4 && b.length >= 4);
      expect(new Set(a)).toEqual(new Set(['1', '2', '3', '4']));
      expect(new Set(b)).toEqual(new Set(['1', '2', '3', '4']));
    });

    it('error: a batch whose handler throws is delivered again (at least once, nothing lost)', async () => {
      const t = topic('retry');
      await fx.bus.ensureTopics([t]);
      let failures = 0;
      const done = new Set<string>();
      subs.push(
        await fx.bus.subscribe({
          groupId: group('retry'),
          topics: [t],
          handleBatch: async (ms) => {
            if (failures < 2) {
              failures++;
              throw new Error('transient');
            }
            for (const m of ms) done.add(m.value);
          },
        }),
      );
      await fx.bus.publish(
        t,
        ['x', 'y', 'z'].map((v) => ({ key: 'k', value: v })),
      );
      await waitUntil('redelivery', () => done.size === 3);
      expect(failures).toBe(2);
    });

    it('error: a non-retriable error is split down to the one failing message, dead-lettered with ids only, and the partition moves on', async () => {
      const t = topic('nonretriable');
      const g = group('nonretriable');
      await fx.bus.ensureTopics([t, `${t}.dlq`]);
      const ids = ['a', 'b', 'poison', 'c', 'd'].map(() => randomUUID());
      const handled: string[] = [];
      const letters: unknown[] = [];
      subs.push(
        await fx.bus.subscribe({
          groupId: g,
          topics: [t],
          handleBatch: async (ms) => {
            const events = ms.map((m) => JSON.parse(m.value) as { id: string; n: string });
            // A store error that no retry can mend (a document a newer schema wrote): retriable false.
            if (events.some((e) => e.n === 'poison'))
              throw Object.assign(new Error('stored practice config v9 is not readable'), { retriable: false });
            handled.push(...events.map((e) => e.n));
          },
        }),
      );
      subs.push(
        await fx.bus.subscribe({
          groupId: group('dlq'),
          topics: [`${t}.dlq`],
          handleBatch: async (ms) => void letters.push(...ms.map((m) => JSON.parse(m.value))),
        }),
      );
      await fx.bus.publish(
        t,
        ['a', 'b', 'poison', 'c', 'd'].map((n, i) => ({
          key: 'A81001',
          value: JSON.stringify({ id: ids[i], practice: 'A81001', n, description: 'Rash on my arm' }),
        })),
      );
      await waitUntil('the other four handled and one dead letter', () => handled.length >= 4 && letters.length >= 1);
      expect(handled).toEqual(['a', 'b', 'c', 'd']);
      expect(letters).toHaveLength(1);
      const letter = DeadLetterV1.parse(letters[0]);
      expect(letter).toMatchObject({ sourceTopic: t, requestId: ids[2], practice: 'A81001', key: 'A81001' });
      expect(letter.error).toMatch(/stored practice config v9 is not readable/);
      expect(JSON.stringify(letters[0])).not.toMatch(/Rash on my arm|poison/);
      const mine = failures.filter((f) => f.topic === t && f.group === g);
      expect(mine.every((f) => !f.retriable)).toBe(true);
      expect(mine.filter((f) => f.deadLettered)).toEqual([
        expect.objectContaining({ messages: 1, offset: letter.offset }),
      ]);
      expect(subscribed).toContainEqual({ topic: t, group: g });
    });

    it('error: a batch failing retriably is backed off, then split so its neighbours get through; the failing message is retried, never dead-lettered', async () => {
      const t = topic('sticky');
      const g = group('sticky');
      await fx.bus.ensureTopics([t]);
      const timeline: string[] = [];
      let stickyFailures = 0;
      subs.push(
        await fx.bus.subscribe({
          groupId: g,
          topics: [t],
          handleBatch: async (ms) => {
            if (ms.some((m) => m.value === 'sticky') && stickyFailures < 6) {
              stickyFailures++;
              timeline.push('fail');
              throw new Error('redis: connection reset');
            }
            timeline.push(...ms.map((m) => `ok:${m.value}`));
          },
        }),
      );
      await fx.bus.publish(
        t,
        ['a', 'b', 'sticky', 'c'].map((v) => ({ key: 'k', value: v })),
      );
      await waitUntil('all four handled', () => timeline.filter((e) => e.startsWith('ok:')).length >= 4);
      expect(timeline.filter((e) => e.startsWith('ok:'))).toEqual(['ok:a', 'ok:b', 'ok:sticky', 'ok:c']);
      // a and b were handled while sticky was still failing: the split let them through.
      expect(timeline.indexOf('ok:b')).toBeLessThan(timeline.lastIndexOf('fail'));
      const mine = failures.filter((f) => f.topic === t && f.group === g);
      expect(mine).toHaveLength(6);
      expect(mine.every((f) => f.retriable && !f.deadLettered)).toBe(true);
    });

    it('happy: a group that stops and comes back resumes after what it committed', async () => {
      const t = topic('resume');
      const g = group('resume');
      await fx.bus.ensureTopics([t]);
      const first: string[] = [];
      const s1 = await fx.bus.subscribe({
        groupId: g,
        topics: [t],
        handleBatch: async (ms) => void first.push(...ms.map((m) => m.value)),
      });
      await fx.bus.publish(t, [{ key: 'k', value: 'before' }]);
      await waitUntil('first message', () => first.includes('before'));
      await s1.stop();
      await fx.bus.publish(t, [{ key: 'k', value: 'after' }]);
      const second: string[] = [];
      subs.push(
        await fx.bus.subscribe({
          groupId: g,
          topics: [t],
          handleBatch: async (ms) => void second.push(...ms.map((m) => m.value)),
        }),
      );
      await waitUntil('second message', () => second.includes('after'));
      expect(second).not.toContain('before');
    });

    it('happy: consumer lag counts what a group has not committed yet, and falls to 0 once it has', async () => {
      const t = topic('lag');
      const g = group('lag');
      await fx.bus.ensureTopics([t]);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const got: string[] = [];
      subs.push(
        await fx.bus.subscribe({
          groupId: g,
          topics: [t],
          handleBatch: async (ms) => {
            await gate;
            got.push(...ms.map((m) => m.value));
          },
        }),
      );
      await fx.bus.publish(
        t,
        ['1', '2', '3'].map((v) => ({ key: 'k', value: v })),
      );
      const total = async () =>
        (await fx.bus.consumerLag()).filter((l) => l.group === g && l.topic === t).reduce((n, l) => n + l.lag, 0);
      // Held in the handler: nothing committed, so all three are behind.
      await waitFor('lag of 3', async () => (await total()) === 3);
      release();
      await waitUntil('three messages handled', () => got.length === 3);
      await waitFor('lag of 0', async () => (await total()) === 0);
      const lags = (await fx.bus.consumerLag()).filter((l) => l.group === g);
      expect(lags.length).toBeGreaterThan(0);
      for (const l of lags) expect(l).toEqual({ group: g, topic: t, partition: expect.any(Number), lag: 0 });
    });

    it('error: a poison record goes to the dead-letter topic without its payload, and consuming carries on', async () => {
      const t = topic('poison');
      await fx.bus.ensureTopics([t, `${t}.dlq`]);
      const good: number[] = [];
      const letters: unknown[] = [];
      const schema = z.object({ n: z.number() });
      subs.push(
        await fx.bus.subscribe({
          groupId: group('poison'),
          topics: [t],
          handleBatch: typedBatchHandler({
            bus: fx.bus,
            schema,
            handle: async (es) => void good.push(...es.map((e) => e.event.n)),
          }),
        }),
      );
      subs.push(
        await fx.bus.subscribe({
          groupId: group('dlq'),
          topics: [`${t}.dlq`],
          handleBatch: async (ms) => void letters.push(...ms.map((m) => JSON.parse(m.value))),
        }),
      );
      await fx.bus.publish(t, [
        { key: 'A81001', value: JSON.stringify({ n: 1 }) },
        { key: 'A81001', value: '{"n": "secret 07700900123"' },
        { key: 'A81001', value: JSON.stringify({ n: 'Rash on my arm', id: 'not-a-uuid' }) },
        { key: 'A81001', value: JSON.stringify({ n: 2 }) },
      ]);
      await waitUntil('good messages and dead letters', () => good.length >= 2 && letters.length >= 2);
      expect(good).toEqual([1, 2]);
      for (const l of letters) {
        const parsed = DeadLetterV1.parse(l);
        expect(parsed.sourceTopic).toBe(t);
        expect(JSON.stringify(l)).not.toMatch(/07700900123|Rash on my arm/);
      }
    });
  });
}
