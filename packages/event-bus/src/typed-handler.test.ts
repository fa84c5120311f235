import { z } from 'zod';
import { InProcessEventBus } from './in-process-event-bus';
import { typedBatchHandler } from './typed-handler';

describe('typedBatchHandler dead letters', () => {
  it('security: a record that is not JSON is dead-lettered without a word of its payload', async () => {
    const bus = new InProcessEventBus();
    const letters: { error: string }[] = [];
    const handle = typedBatchHandler({
      bus,
      schema: z.object({ n: z.number() }),
      handle: async () => undefined,
      onDeadLetter: (l) => void letters.push(l),
    });
    const payloads = ['{"description": "Pat Smith 07700900123 chest pain" oops', 'Pat Smith 07700900123', '{"n": 1,}'];
    await handle(
      payloads.map((value, i) => ({
        topic: 't',
        partition: 0,
        offset: String(i),
        key: null,
        value,
        headers: {},
      })) as never,
    );
    expect(letters).toHaveLength(3);
    for (const l of letters) {
      expect(l.error).toMatch(/^not JSON/);
      for (const word of ['Pat', 'Smith', '07700900123', 'chest', 'oops']) expect(l.error).not.toContain(word);
    }
  });
});
