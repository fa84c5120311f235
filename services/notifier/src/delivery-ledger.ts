/**
 * Remembers, per (request id, decision sequence), whether the patient's message went out, so a
 * redelivered decision or a restarted notifier never messages a patient twice.
 *
 * A claim is a lease: the sender renews it before each attempt and back-off. Another replica that
 * finds a live lease waits (`busy`); one that finds an expired lease (its owner died mid-send) takes
 * over as `recovered` and must ask the provider whether the message went out before sending it.
 */
export type ClaimResult =
  | { state: 'claimed' }
  | { state: 'recovered' }
  | { state: 'busy'; retryInMs: number }
  | { state: 'sent' | 'done' | 'held' };

/** 'done' = finished without a message (rejected, dead-lettered, suppressed): never tried again. */
export type FinalState = 'sent' | 'done' | 'held';

export interface DeliveryLedger {
  /** `release` lets the hold sweeper claim a held message; consuming a redelivery leaves it to the sweeper. */
  claim(reference: string, leaseMs: number, mode?: 'consume' | 'release'): Promise<ClaimResult>;
  renew(reference: string, leaseMs: number): Promise<void>;
  finish(reference: string, state: FinalState): Promise<void>;
  /** Forgets a delivery (operators replaying a dead letter). */
  release(reference: string): Promise<void>;
}

/** Kept as long as decisions are (35 days), long past any redelivery. */
export const LEDGER_TTL_SECONDS = 35 * 24 * 3600;

type Entry = { state: 'sent' | 'done' | 'held' } | { state: 'sending'; until: number };

/**
 * The embedded default's ledger. Bounded: the oldest entries go first past `max`, which is the embedded
 * stores' common bound (50,000 requests' decisions and statuses); in one process the bus redelivers
 * only what a handler has just failed, so an entry that old is never asked for again. (It was 200,000,
 * which a ten-minute soak at 200 requests/s never reached, so the process's memory rose all through it.)
 */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = 50_000,
  ) {}

  /** Entries held, for tests. */
  get size(): number {
    return this.entries.size;
  }

  async claim(ref: string, leaseMs: number, mode: 'consume' | 'release' = 'consume'): Promise<ClaimResult> {
    const e = this.entries.get(ref);
    const lease: Entry = { state: 'sending', until: this.now() + leaseMs };
    if (!e) {
      this.set(ref, lease);
      return { state: 'claimed' };
    }
    if (e.state === 'sent' || e.state === 'done') return { state: e.state };
    if (e.state === 'held') {
      if (mode !== 'release') return { state: 'held' };
      this.set(ref, lease);
      return { state: 'claimed' };
    }
    if (e.state === 'sending' && e.until > this.now()) return { state: 'busy', retryInMs: e.until - this.now() };
    this.set(ref, lease);
    return { state: 'recovered' };
  }

  async renew(ref: string, leaseMs: number): Promise<void> {
    if (this.entries.get(ref)?.state === 'sending') this.set(ref, { state: 'sending', until: this.now() + leaseMs });
  }

  async finish(ref: string, state: FinalState): Promise<void> {
    this.set(ref, { state });
  }

  async release(ref: string): Promise<void> {
    this.entries.delete(ref);
  }

  private set(ref: string, e: Entry) {
    this.entries.delete(ref);
    this.entries.set(ref, e);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
