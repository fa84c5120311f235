import { runEventBusContract } from './event-bus.contract';
import { InProcessEventBus, UNREAD_RETAINED } from './in-process-event-bus';

runEventBusContract('in-process', async (o) => ({ bus: new InProcessEventBus(o), cleanup: async () => undefined }));

describe('InProcessEventBus memory', () => {
  it('trims messages every group has consumed, so a long run stays flat', async () => {
    const bus = new InProcessEventBus();
    let seen = 0;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handleBatch: async (ms) => void (seen += ms.length),
    });
    for (let i = 0; i < 5000; i++) await bus.publish('t', [{ key: 'k', value: 'v' }]);
    while (seen < 5000) await new Promise((r) => setTimeout(r, 5));
    expect(bus.retained()).toBeLessThan(1100);
    await sub.stop();
    await bus.close();
  });

  it('keeps only the newest messages of a topic nobody reads; a group subscribing later starts at the oldest kept', async () => {
    const bus = new InProcessEventBus();
    const total = UNREAD_RETAINED * 3;
    for (let i = 0; i < total; i += 100)
      await bus.publish(
        'unread',
        Array.from({ length: 100 }, (_, j) => ({ key: 'k', value: String(i + j) })),
      );
    const kept = bus.retained();
    expect(kept).toBeGreaterThanOrEqual(UNREAD_RETAINED);
    expect(kept).toBeLessThanOrEqual(UNREAD_RETAINED + 1024);
    const seen: string[] = [];
    const offsets: number[] = [];
    const sub = await bus.subscribe({
      groupId: 'late',
      topics: ['unread'],
      handleBatch: async (ms) => {
        for (const m of ms) {
          seen.push(m.value);
          offsets.push(Number(m.offset));
        }
      },
    });
    while (seen.length < kept) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(kept);
    expect(seen[0]).toBe(String(total - kept));
    expect(seen[seen.length - 1]).toBe(String(total - 1));
    expect(offsets).toEqual(seen.map(Number)); // offsets still count every message published
    await sub.stop();
    await bus.close();
  });

  it('never drops what a subscribed group has yet to read, however far behind it is', async () => {
    const bus = new InProcessEventBus();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let seen = 0;
    const sub = await bus.subscribe({
      groupId: 'slow',
      topics: ['t'],
      handleBatch: async (ms) => {
        await gate;
        seen += ms.length;
      },
    });
    const total = UNREAD_RETAINED * 2;
    for (let i = 0; i < total; i += 500)
      await bus.publish(
        't',
        Array.from({ length: 500 }, () => ({ key: 'k', value: 'v' })),
      );
    expect(bus.retained()).toBe(total);
    release();
    while (seen < total) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toBe(total);
    await sub.stop();
    await bus.close();
  });
});
