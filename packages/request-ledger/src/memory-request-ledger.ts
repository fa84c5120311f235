import type { IdempotencyClaim, RequestLedger, StatusRecord, StoredResponse } from './request-ledger';

interface Timed<T> {
  value: T;
  expires: number;
}

/** A patient still waiting: received and not yet decided, or on the waiting list. */
const isOpen = (r: StatusRecord) => r.doc.status === 'received' || r.doc.status === 'queued';

/**
 * The embedded default's ledger; entries expire like Redis keys do, and beyond `maxEntries` finished
 * statuses (default 50,000) the oldest go first, so a long-running embedded process stays flat in
 * memory. Open statuses (a patient still waiting) are kept apart and never evicted, only expired:
 * bound what is finished, not what is open, whose number the practices' capacity bounds.
 */
export class MemoryRequestLedger implements RequestLedger {
  private readonly keys = new Map<string, Timed<StoredResponse | 'in-flight'>>();
  private readonly open = new Map<string, Timed<StatusRecord>>();
  private readonly statuses = new Map<string, Timed<StatusRecord>>();
  private sweeps = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async claimIdempotencyKey(scope: string, key: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    const k = `${scope}\u0000${key}`;
    const hit = this.live(this.keys, k);
    if (hit === 'in-flight') return { state: 'in-flight' };
    if (hit) return { state: 'done', response: hit };
    this.keys.set(k, { value: 'in-flight', expires: this.now() + ttlSeconds * 1000 });
    return { state: 'claimed' };
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    response: StoredResponse,
    ttlSeconds: number,
  ): Promise<void> {
    this.keys.set(`${scope}\u0000${key}`, { value: response, expires: this.now() + ttlSeconds * 1000 });
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    this.keys.delete(`${scope}\u0000${key}`);
  }

  async putStatus(record: StatusRecord, ttlSeconds: number): Promise<boolean> {
    const id = record.doc.id;
    const current = this.live(this.open, id) ?? this.live(this.statuses, id);
    if (current && current.sequence >= record.sequence) return false;
    this.open.delete(id);
    this.statuses.delete(id);
    (isOpen(record) ? this.open : this.statuses).set(id, { value: record, expires: this.now() + ttlSeconds * 1000 });
    if (
      ++this.sweeps % 1000 === 0 ||
      this.statuses.size > this.maxEntries * 1.1 ||
      this.keys.size > this.maxEntries * 1.1
    )
      this.sweep();
    return true;
  }

  async getStatus(id: string): Promise<StatusRecord | null> {
    return this.live(this.open, id) ?? this.live(this.statuses, id) ?? null;
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  size(): number {
    return this.keys.size + this.open.size + this.statuses.size;
  }

  private live<T>(map: Map<string, Timed<T>>, k: string): T | undefined {
    const e = map.get(k);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      map.delete(k);
      return undefined;
    }
    return e.value;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.open) if (e.expires <= now) this.open.delete(k);
    for (const m of [this.keys, this.statuses] as Map<string, Timed<unknown>>[]) {
      for (const [k, e] of m) if (e.expires <= now) m.delete(k);
      // Oldest first (insertion order) beyond the cap.
      for (const k of m.keys()) {
        if (m.size <= this.maxEntries) break;
        m.delete(k);
      }
    }
  }
}
