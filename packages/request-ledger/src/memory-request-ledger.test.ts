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
  const doc = (id: string, status: 'received' | 'queued' | 'accepted', sequence = 0) => ({
    doc: {
      id,
      practice: 'A81001',
      status,
      reason: { code: 'received' as const, text: 'Received.' },
      updatedAt: '2026-11-30T10:00:00Z',
    },
    sequence,
  });
  const ids = Array.from({ length: 5_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('happy: beyond maxEntries the oldest finished statuses go first, so memory stays flat', async () => {
    const ledger = new MemoryRequestLedger(Date.now, 1_000);
    for (const id of ids) await ledger.putStatus(doc(id, 'accepted', 1), 3600);
    expect(ledger.size()).toBeLessThanOrEqual(1_100);
    expect(await ledger.getStatus(ids[0]!)).toBeNull();
    expect(await ledger.getStatus(ids[4_999]!)).not.toBeNull();
  });

  it('safety: a patient still waiting (received or queued) is never evicted, however many finish after them', async () => {
    const ledger = new MemoryRequestLedger(Date.now, 1_000);
    const waiting = ids.slice(0, 2_000);
    for (const [i, id] of waiting.entries())
      await ledger.putStatus(doc(id, i % 2 ? 'queued' : 'received', i % 2), 3600);
    for (const id of ids.slice(2_000)) await ledger.putStatus(doc(id, 'accepted', 1), 3600);
    for (const id of waiting) expect(await ledger.getStatus(id)).not.toBeNull();
    // Once decided, the first of them is finished like any other and may go.
    await ledger.putStatus(doc(waiting[0]!, 'accepted', 2), 3600);
    expect((await ledger.getStatus(waiting[0]!))?.doc.status).toBe('accepted');
  });
});
