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

describe('MemoryRequestLedger bound', () => {
  it('happy: beyond maxEntries the oldest statuses go first, so memory stays flat', async () => {
    const ledger = new MemoryRequestLedger(Date.now, 1_000);
    const doc = (id: string) => ({ doc: { id, practice: 'A81001', status: 'received' as const, reason: { code: 'received' as const, text: 'Received.' }, updatedAt: '2026-11-30T10:00:00Z' }, sequence: 0 });
    const ids = Array.from({ length: 5_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) await ledger.putStatus(doc(id), 3600);
    expect(ledger.size()).toBeLessThanOrEqual(1_100);
    expect(await ledger.getStatus(ids[0]!)).toBeNull();
    expect(await ledger.getStatus(ids[4_999]!)).not.toBeNull();
  });
});
