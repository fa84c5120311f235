import { runDeliveryLedgerContract } from './delivery-ledger.contract';
import { MemoryDeliveryLedger } from './delivery-ledger';
import { runHoldStoreContract } from './hold-store.contract';
import { MemoryHoldStore } from './hold-store';
import { runRateLimitContract } from './rate-limits.contract';
import { MemoryRecipientLimiter, MemoryTokenBucket } from './rate-limits';

runDeliveryLedgerContract('memory', async () => ({
  ledger: new MemoryDeliveryLedger(),
  cleanup: async () => undefined,
}));
runRateLimitContract('memory', async () => ({
  bucket: (s) => new MemoryTokenBucket(s),
  recipients: (l) => new MemoryRecipientLimiter(l),
  cleanup: async () => undefined,
}));
runHoldStoreContract('memory', async () => ({ holds: new MemoryHoldStore(), cleanup: async () => undefined }));

describe('MemoryDeliveryLedger bound', () => {
  it('keeps at most its bound, dropping the oldest first; a recent one still answers as sent', async () => {
    const ledger = new MemoryDeliveryLedger(Date.now, 100);
    for (let i = 0; i < 250; i++) {
      expect(await ledger.claim(`r${i}`, 1000)).toEqual({ state: 'claimed' });
      await ledger.finish(`r${i}`, 'sent');
    }
    expect(ledger.size).toBe(100);
    expect(await ledger.claim('r249', 1000)).toEqual({ state: 'sent' });
    expect(await ledger.claim('r150', 1000)).toEqual({ state: 'sent' });
    expect(await ledger.claim('r0', 1000)).toEqual({ state: 'claimed' }); // long gone: claimable again
  });
});
