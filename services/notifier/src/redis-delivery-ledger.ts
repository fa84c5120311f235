import type { RedisClient } from '@sluice/redis-scripts';
import { LEDGER_TTL_SECONDS, type ClaimResult, type DeliveryLedger, type FinalState } from './delivery-ledger';
import { defineScripts, loadScript } from './lua';

const SCRIPTS = { claim: loadScript('claim-delivery-1.lua'), renew: loadScript('renew-delivery-1.lua') };

/** The production ledger: claims are one Lua call each, timed by Redis's clock, shared by every replica. */
export class RedisDeliveryLedger implements DeliveryLedger {
  private readonly run: ReturnType<typeof defineScripts<keyof typeof SCRIPTS>>;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'sluice:',
  ) {
    this.run = defineScripts(redis, SCRIPTS);
  }

  private key(ref: string) {
    return `${this.prefix}notify:dl:${ref}`;
  }

  async claim(ref: string, leaseMs: number, mode: 'consume' | 'release' = 'consume'): Promise<ClaimResult> {
    const [state, ms] = (await this.run.claim(this.key(ref), Math.ceil(leaseMs), LEDGER_TTL_SECONDS, mode)) as [
      string,
      number,
    ];
    if (state === 'busy') return { state, retryInMs: Number(ms) };
    return { state: state as 'claimed' | 'recovered' | 'sent' | 'done' | 'held' };
  }

  async renew(ref: string, leaseMs: number): Promise<void> {
    await this.run.renew(this.key(ref), Math.ceil(leaseMs), LEDGER_TTL_SECONDS);
  }

  async finish(ref: string, state: FinalState): Promise<void> {
    await this.redis.set(this.key(ref), state, 'EX', LEDGER_TTL_SECONDS);
  }

  async release(ref: string): Promise<void> {
    await this.redis.del(this.key(ref));
  }
}
