/**
 * The contract every DeliveryLedger passes: run from each implementation's test file with a factory.
 * Leases are timed by the implementation's clock (Redis's own for Redis), so waits here are real and short.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryLedger } from './delivery-ledger';

export function runDeliveryLedgerContract(
  name: string,
  factory: () => Promise<{ ledger: DeliveryLedger; cleanup: () => Promise<void> }>,
): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    let ledger: DeliveryLedger;
    let cleanup: () => Promise<void>;
    const ref = () => `${randomUUID()}:1`;
    beforeAll(async () => ({ ledger, cleanup } = await factory()));
    afterAll(async () => cleanup());

    it('happy: the first claim wins; a redelivery after it was sent is told so', async () => {
      const r = ref();
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'claimed' });
      await ledger.finish(r, 'sent');
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'sent' });
    });

    it('happy: a live lease makes a second claimer wait, with how long', async () => {
      const r = ref();
      await ledger.claim(r, 10_000);
      const second = await ledger.claim(r, 10_000);
      expect(second.state).toBe('busy');
      expect(second.state === 'busy' && second.retryInMs).toBeGreaterThan(5_000);
    });

    it('error: a lease that ran out (its sender died) is taken over as recovered', async () => {
      const r = ref();
      await ledger.claim(r, 30);
      await new Promise((res) => setTimeout(res, 80));
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'recovered' });
      expect((await ledger.claim(r, 10_000)).state).toBe('busy');
    });

    it('happy: renewing keeps a live sender from being taken over', async () => {
      const r = ref();
      await ledger.claim(r, 60);
      await new Promise((res) => setTimeout(res, 30));
      await ledger.renew(r, 10_000);
      await new Promise((res) => setTimeout(res, 60));
      expect((await ledger.claim(r, 10_000)).state).toBe('busy');
    });

    it('happy: a held message is left to the sweeper on redelivery, and the sweeper may claim it', async () => {
      const r = ref();
      await ledger.claim(r, 10_000);
      await ledger.finish(r, 'held');
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'held' });
      expect(await ledger.claim(r, 10_000, 'release')).toEqual({ state: 'claimed' });
    });

    it('happy: done (failed for good) is never claimed again; release forgets it', async () => {
      const r = ref();
      await ledger.claim(r, 10_000);
      await ledger.finish(r, 'done');
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'done' });
      await ledger.release(r);
      expect(await ledger.claim(r, 10_000)).toEqual({ state: 'claimed' });
    });

    it('happy: of 20 concurrent claimers exactly one wins', async () => {
      const r = ref();
      const results = await Promise.all(Array.from({ length: 20 }, () => ledger.claim(r, 10_000)));
      expect(results.filter((x) => x.state === 'claimed')).toHaveLength(1);
    });
  });
}
