import type { Session, SessionStore } from './session-store';
import { sessionKey } from './session-key';

/**
 * Sessions in this process. Bounded: past `maxSessions` the oldest are dropped (pre-sessions are made
 * by anyone who opens the sign-in page, so memory must not grow with traffic).
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { json: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = 10_000,
  ) {}

  async get(id: string): Promise<Session | null> {
    const k = sessionKey(id);
    const e = this.sessions.get(k);
    if (!e) return null;
    if (e.expiresAt <= this.now()) {
      this.sessions.delete(k);
      return null;
    }
    return JSON.parse(e.json) as Session;
  }

  async set(session: Session, ttlSeconds: number): Promise<void> {
    const k = sessionKey(session.id);
    this.sessions.delete(k); // re-insert so Map order is least recently saved first
    this.sessions.set(k, { json: JSON.stringify(session), expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
  }

  async destroy(id: string): Promise<void> {
    this.sessions.delete(sessionKey(id));
  }
}
