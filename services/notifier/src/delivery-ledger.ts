import type { Redis } from 'ioredis';

export type DeliveryClaim = 'claimed' | 'sending' | 'sent';

/**
 * Remembers which (request id, decision sequence) messages were sent, so a redelivered decision or a
 * restarted notifier never messages a patient twice. `sending` means a previous attempt claimed it
 * and did not say how it ended (a crash mid-send): the notifier then asks the provider.
 */
export interface DeliveryLedger {
  claim(requestId: string, sequence: number): Promise<DeliveryClaim>;
  markSent(requestId: string, sequence: number): Promise<void>;
  release(requestId: string, sequence: number): Promise<void>;
}

const TTL_SECONDS = 35 * 24 * 3600;

export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly state = new Map<string, 'sending' | 'sent'>();
  async claim(id: string, seq: number): Promise<DeliveryClaim> {
    const k = `${id}:${seq}`;
    const s = this.state.get(k);
    if (s) return s;
    this.state.set(k, 'sending');
    if (this.state.size > 200_000) this.state.delete(this.state.keys().next().value!);
    return 'claimed';
  }
  async markSent(id: string, seq: number) {
    this.state.set(`${id}:${seq}`, 'sent');
  }
  async release(id: string, seq: number) {
    this.state.delete(`${id}:${seq}`);
  }
}

export class RedisDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'sluice:',
  ) {}
  private key(id: string, seq: number) {
    return `${this.prefix}sent:${id}:${seq}`;
  }
  async claim(id: string, seq: number): Promise<DeliveryClaim> {
    const ok = await this.redis.set(this.key(id, seq), 'sending', 'EX', TTL_SECONDS, 'NX');
    if (ok === 'OK') return 'claimed';
    const v = await this.redis.get(this.key(id, seq));
    return v === 'sent' ? 'sent' : v === null ? this.claim(id, seq) : 'sending';
  }
  async markSent(id: string, seq: number) {
    await this.redis.set(this.key(id, seq), 'sent', 'EX', TTL_SECONDS);
  }
  async release(id: string, seq: number) {
    await this.redis.del(this.key(id, seq));
  }
}
