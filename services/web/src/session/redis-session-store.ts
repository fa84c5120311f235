import type { RedisClient } from '@sluice/redis-scripts';
import type { Session, SessionStore } from './session-store';
import { sessionKey } from './session-key';

/** Sessions shared by every replica; Redis expires them (the idle timeout) so nothing sweeps. */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'sluice:',
  ) {}

  private k(id: string) {
    return `${this.prefix}session:${sessionKey(id)}`;
  }

  async get(id: string): Promise<Session | null> {
    const v = await this.redis.get(this.k(id));
    return v === null ? null : (JSON.parse(v) as Session);
  }

  async set(session: Session, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.k(session.id), JSON.stringify(session), 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.k(id));
  }
}
