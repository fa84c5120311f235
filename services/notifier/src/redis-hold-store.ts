import type { RedisClient } from '@sluice/redis-scripts';
import { ConsultationDecidedV1 } from '@sluice/contracts';
import type { HeldMessage, HoldStore } from './hold-store';
import { defineScripts, loadScript } from './lua';

const SCRIPTS = { takeDue: loadScript('take-due-2.lua') };

/** Holds shared by every replica. Keys share the `{notify}` hash tag so the sweep script touches one slot. */
export class RedisHoldStore implements HoldStore {
  private readonly run: ReturnType<typeof defineScripts<keyof typeof SCRIPTS>>;
  private readonly due: string;
  private readonly messages: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'sluice:',
  ) {
    this.run = defineScripts(redis, SCRIPTS);
    this.due = `${prefix}{notify}:held`;
    this.messages = `${prefix}{notify}:held:msg`;
  }

  async pause(type: string, until: Date) {
    // Compared with the caller's clock when read; the key only needs to outlive the pause.
    await this.redis.set(`${this.prefix}{notify}:pause:${type}`, String(until.getTime()), 'EX', 2 * 24 * 3600);
  }

  async pausedUntil(type: string) {
    const v = await this.redis.get(`${this.prefix}{notify}:pause:${type}`);
    return v === null ? null : new Date(Number(v));
  }

  async park(message: HeldMessage, until: Date) {
    await this.redis
      .multi()
      .hset(this.messages, message.reference, JSON.stringify(message))
      .zadd(this.due, until.getTime(), message.reference)
      .exec();
  }

  async takeDue(now: Date, limit: number, leaseMs: number): Promise<HeldMessage[]> {
    const flat = (await this.run.takeDue(this.due, this.messages, now.getTime(), limit, leaseMs)) as string[];
    const out: HeldMessage[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const m = JSON.parse(flat[i + 1]!) as HeldMessage;
      out.push({ ...m, decision: ConsultationDecidedV1.parse(m.decision) });
    }
    return out;
  }

  async remove(reference: string) {
    await this.redis.multi().zrem(this.due, reference).hdel(this.messages, reference).exec();
  }

  async count() {
    return this.redis.zcard(this.due);
  }
}
