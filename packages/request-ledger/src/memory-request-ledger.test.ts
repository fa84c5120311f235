import { MemoryRequestLedger } from './memory-request-ledger';
import { runRequestLedgerContract } from './request-ledger.contract';

runRequestLedgerContract('memory', async () => ({ ledger: new MemoryRequestLedger(), cleanup: async () => undefined }));

describe('MemoryRequestLedger expiry', () => {
  it('forgets entries after their time to live', async () => {
    let now = 0;
    const ledger = new MemoryRequestLedger(() => now);
    await ledger.claimIdempotencyKey('s', 'k', 10);
    now = 11_000;
    expect(await ledger.claimIdempotencyKey('s', 'k', 10)).toEqual({ state: 'claimed' });
  });
});
