import type { Principal } from '@sluice/practice-admin';

/**
 * A signed-in (or about-to-sign-in) browser. The id is an opaque 256-bit random value carried only in
 * the cookie; stores key sessions by its SHA-256 hash, so a copy of the store holds no usable cookie.
 */
export interface Session {
  id: string;
  /** Synchronizer token: every form carries it and every POST must send it back. */
  csrf: string;
  /** Null for a pre-session: it exists only so the sign-in form itself has a CSRF token. */
  principal: Principal | null;
  createdAt: number;
  /** Absolute end, however active the session is. */
  notAfter: number;
}

/** Where sessions live: memory for one process (the embedded default), Redis for several replicas. */
export interface SessionStore {
  get(id: string): Promise<Session | null>;
  /** Saves the session to expire after `ttlSeconds` (idle timeout): each request renews it. */
  set(session: Session, ttlSeconds: number): Promise<void>;
  destroy(id: string): Promise<void>;
}
