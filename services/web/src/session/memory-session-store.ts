import type { Session, SessionStore } from './session-store';
import { sessionKey } from './session-key';

type Entry = { json: string; expiresAt: number };

/**
 * Sessions in this process, bounded, with pre-sessions and signed-in sessions kept apart: anyone who
 * opens the sign-in page makes a pre-session, so a flood of them drops only the oldest pre-sessions
 * (past `maxPreSessions`), never a signed-in practice manager's session; signed-in ones have their own
 * bound (`maxSessions`), which only keys the operator issued can fill.
 */
export class MemorySessionStore implements SessionStore {
  private readonly anonymous = new Map<string, Entry>();
  private readonly signedIn = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = 10_000,
    private readonly maxPreSessions = 10_000,
  ) {}

  async get(id: string): Promise<Session | null> {
    const k = sessionKey(id);
    for (const m of [this.signedIn, this.anonymous]) {
      const e = m.get(k);
      if (!e) continue;
      if (e.expiresAt <= this.now()) {
        m.delete(k);
        return null;
      }
      return JSON.parse(e.json) as Session;
    }
    return null;
  }

  async set(session: Session, ttlSeconds: number): Promise<void> {
    const k = sessionKey(session.id);
    this.anonymous.delete(k);
    this.signedIn.delete(k); // re-insert so Map order is least recently saved first
    const [m, max] = session.principal ? [this.signedIn, this.maxSessions] : [this.anonymous, this.maxPreSessions];
    m.set(k, { json: JSON.stringify(session), expiresAt: this.now() + ttlSeconds * 1000 });
    while (m.size > max) m.delete(m.keys().next().value!);
  }

  async destroy(id: string): Promise<void> {
    const k = sessionKey(id);
    this.anonymous.delete(k);
    this.signedIn.delete(k);
  }
}
