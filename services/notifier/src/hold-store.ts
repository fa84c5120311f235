import type { ConsultationDecidedV1 } from '@sluice/contracts';

/** A message waiting for a provider's daily limit to reset, with where its decision came from. */
export interface HeldMessage {
  reference: string;
  decision: ConsultationDecidedV1;
  source: { topic: string; partition: number; offset: string };
}

/**
 * Holds for a provider's daily limit. When Notify answers 429 TooManyRequestsError, every replica
 * stops calling it for that message type until the limit resets (`pause`), and the messages wait
 * here instead of blocking the consumer: other practices' messages on other channels, and email
 * when only SMS is spent, go on. A sweeper sends them once the pause ends.
 *
 * Held messages carry the decision, contact included, because they must still reach the patient:
 * they live only until sent (at most a day) and are never logged.
 */
export interface HoldStore {
  pause(type: string, until: Date): Promise<void>;
  pausedUntil(type: string): Promise<Date | null>;
  park(message: HeldMessage, until: Date): Promise<void>;
  /** Held messages due by `now`, each leased for `leaseMs` (a sweeper that dies leaves them to the next). */
  takeDue(now: Date, limit: number, leaseMs: number): Promise<HeldMessage[]>;
  remove(reference: string): Promise<void>;
  count(): Promise<number>;
}

export class MemoryHoldStore implements HoldStore {
  private readonly pauses = new Map<string, number>();
  private readonly held = new Map<string, { due: number; message: HeldMessage }>();

  async pause(type: string, until: Date) {
    this.pauses.set(type, Math.max(this.pauses.get(type) ?? 0, until.getTime()));
  }
  async pausedUntil(type: string) {
    const t = this.pauses.get(type);
    return t === undefined ? null : new Date(t);
  }
  async park(message: HeldMessage, until: Date) {
    this.held.set(message.reference, { due: until.getTime(), message });
  }
  async takeDue(now: Date, limit: number, leaseMs: number) {
    const due = [...this.held.values()]
      .filter((h) => h.due <= now.getTime())
      .sort((a, b) => a.due - b.due)
      .slice(0, limit);
    for (const h of due) h.due = now.getTime() + leaseMs;
    return due.map((h) => h.message);
  }
  async remove(reference: string) {
    this.held.delete(reference);
  }
  async count() {
    return this.held.size;
  }
}
