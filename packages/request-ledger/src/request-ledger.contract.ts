import { randomUUID } from 'node:crypto';
import type { RequestStatusDoc } from '@sluice/contracts';
import type { RequestLedger } from './request-ledger';

export interface LedgerFixture {
  ledger: RequestLedger;
  cleanup: () => Promise<void>;
}

const doc = (id: string, status: RequestStatusDoc['status']): RequestStatusDoc => ({
  id,
  practice: 'A81001',
  status,
  reason: { code: 'accepted-routine', text: 'text' },
  updatedAt: '2026-11-30T09:00:00.000Z',
});

export function runRequestLedgerContract(name: string, factory: () => Promise<LedgerFixture>): void {
  describe(`RequestLedger contract: ${name}`, () => {
    let fx: LedgerFixture;
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => fx.cleanup());

    it('happy: the first claim wins; repeats see in-flight, then the stored answer', async () => {
      const key = randomUUID();
      expect(await fx.ledger.claimIdempotencyKey('A81001', key, 60)).toEqual({ state: 'claimed' });
      expect(await fx.ledger.claimIdempotencyKey('A81001', key, 60)).toEqual({ state: 'in-flight' });
      const response = { status: 202, body: { id: 'x' }, fingerprint: 'f' };
      await fx.ledger.completeIdempotencyKey('A81001', key, response, 60);
      expect(await fx.ledger.claimIdempotencyKey('A81001', key, 60)).toEqual({ state: 'done', response });
      expect(await fx.ledger.claimIdempotencyKey('B81001', key, 60)).toEqual({ state: 'claimed' });
    });

    it('happy: a concern’s status keeps its screening and advice, received and then decided', async () => {
      const id = randomUUID();
      const advice = 'Call 999 if your legs go weak or numb.';
      const received: RequestStatusDoc = {
        ...doc(id, 'received'),
        reason: { code: 'received', text: 'text' },
        screening: 'concern',
        advice,
      };
      expect(await fx.ledger.putStatus({ doc: received, sequence: 0 }, 60)).toBe(true);
      expect(await fx.ledger.getStatus(id)).toEqual({ doc: received, sequence: 0 });
      const decided: RequestStatusDoc = {
        ...doc(id, 'accepted'),
        reason: { code: 'concern-duty-clinician', text: 'text' },
        day: '2026-11-30',
        screening: 'concern',
        advice,
      };
      expect(await fx.ledger.putStatus({ doc: decided, sequence: 1 }, 60)).toBe(true);
      expect(await fx.ledger.getStatus(id)).toEqual({ doc: decided, sequence: 1 });
    });

    it('error: a released claim (the publish failed) can be claimed again', async () => {
      const key = randomUUID();
      await fx.ledger.claimIdempotencyKey('A81001', key, 60);
      await fx.ledger.releaseIdempotencyKey('A81001', key);
      expect(await fx.ledger.claimIdempotencyKey('A81001', key, 60)).toEqual({ state: 'claimed' });
    });

    it('happy: status only moves forward by sequence', async () => {
      const id = randomUUID();
      expect(await fx.ledger.putStatus({ doc: doc(id, 'received'), sequence: 0 }, 60)).toBe(true);
      expect(await fx.ledger.putStatus({ doc: doc(id, 'queued'), sequence: 1 }, 60)).toBe(true);
      expect(await fx.ledger.putStatus({ doc: doc(id, 'received'), sequence: 0 }, 60)).toBe(false);
      expect(await fx.ledger.putStatus({ doc: doc(id, 'accepted'), sequence: 2 }, 60)).toBe(true);
      expect(await fx.ledger.putStatus({ doc: doc(id, 'queued'), sequence: 1 }, 60)).toBe(false);
      expect((await fx.ledger.getStatus(id))?.doc.status).toBe('accepted');
      expect(await fx.ledger.getStatus(randomUUID())).toBeNull();
    });
  });
}
