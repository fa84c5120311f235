import { runEventBusContract } from './event-bus.contract';
import { InProcessEventBus } from './in-process-event-bus';

runEventBusContract('in-process', async () => ({ bus: new InProcessEventBus(), cleanup: async () => undefined }));

describe('InProcessEventBus memory', () => {
  it('trims messages every group has consumed, so a long run stays flat', async () => {
    const bus = new InProcessEventBus();
    let seen = 0;
    const sub = await bus.subscribe({ groupId: 'g', topics: ['t'], handleBatch: async (ms) => void (seen += ms.length) });
    for (let i = 0; i < 5000; i++) await bus.publish('t', [{ key: 'k', value: 'v' }]);
    while (seen < 5000) await new Promise((r) => setTimeout(r, 5));
    expect(bus.retained()).toBeLessThan(1100);
    await sub.stop();
    await bus.close();
  });
});
