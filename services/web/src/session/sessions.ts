import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '@sluice/practice-admin';
import type { Session, SessionStore } from './session-store';

export interface SessionOptions {
  store: SessionStore;
  /** Cookies get `Secure` (and the `__Host-` prefix): set when served over TLS (SLUICE_SECURE_COOKIES). */
  secure: boolean;
  now?: () => number;
  /** A signed-in session ends after this long without a request. */
  idleSeconds?: number;
  /** …and after this long in any case (a working day). */
  maxSeconds?: number;
  /**
   * Whether a signed-in principal may still act (a practice key revoked since sign-in may not): asked
   * on every request, so revoking a key ends the sessions signed in with it at once.
   */
  stillValid?: (principal: Principal) => Promise<boolean>;
}

/** A pre-session lives only long enough to fill in the sign-in form. */
const PRE_SESSION_SECONDS = 20 * 60;
const token = () => randomBytes(32).toString('base64url');

/** Reads one cookie from the header (no parser dependency for one value). */
function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison, false for anything that is not a non-empty string of the same length. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length === 0 || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Cookie sessions for the console. The cookie holds only the opaque id: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page can make the browser send it, the first CSRF defence), Secure
 * and `__Host-` when served over TLS. Every form also carries a synchronizer token bound to the session
 * (the second defence, which does not rely on browsers honouring SameSite). Signing in replaces the
 * session with a new id (no fixation); signing out destroys it.
 */
export function createSessions(options: SessionOptions) {
  const now = options.now ?? Date.now;
  const idle = options.idleSeconds ?? 30 * 60;
  const max = options.maxSeconds ?? 10 * 3600;
  const cookieName = options.secure ? '__Host-sluice-session' : 'sluice-session';

  const setCookie = (res: Response, id: string) =>
    res.cookie(cookieName, id, { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' });

  async function current(req: Request): Promise<Session | null> {
    const id = readCookie(req, cookieName);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const s = await options.store.get(id);
    if (!s || s.id !== id || s.notAfter <= now()) return null;
    if (s.principal && options.stillValid && !(await options.stillValid(s.principal))) {
      await options.store.destroy(s.id);
      return null;
    }
    return s;
  }

  async function save(s: Session): Promise<void> {
    const left = Math.max(1, Math.floor((s.notAfter - now()) / 1000));
    await options.store.set(s, Math.min(s.principal ? idle : PRE_SESSION_SECONDS, left));
  }

  return {
    cookieName,

    /** Loads the session (renewing a signed-in one's idle timeout) into res.locals.session, or null. */
    load: async (req: Request, res: Response, next: NextFunction) => {
      try {
        const s = await current(req);
        if (s?.principal) await save(s);
        res.locals.session = s;
        next();
      } catch (e) {
        next(e);
      }
    },

    /** The session for the sign-in form: the current one, or a new pre-session with its own token. */
    async ensure(req: Request, res: Response): Promise<Session> {
      const existing = (res.locals.session as Session | null) ?? (await current(req));
      if (existing) return existing;
      const t = now();
      const s: Session = {
        id: token(),
        csrf: token(),
        principal: null,
        createdAt: t,
        notAfter: t + PRE_SESSION_SECONDS * 1000,
      };
      await save(s);
      setCookie(res, s.id);
      res.locals.session = s;
      return s;
    },

    /** Signs in: the old session (if any) is destroyed and a new id issued, with a new token. */
    async signIn(res: Response, principal: Principal, previous: Session | null): Promise<Session> {
      if (previous) await options.store.destroy(previous.id);
      const t = now();
      const s: Session = { id: token(), csrf: token(), principal, createdAt: t, notAfter: t + max * 1000 };
      await save(s);
      setCookie(res, s.id);
      res.locals.session = s;
      return s;
    },

    async signOut(res: Response, s: Session | null): Promise<void> {
      if (s) await options.store.destroy(s.id);
      res.clearCookie(cookieName, { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' });
      res.locals.session = null;
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;

/** Whether a POSTed form's `_csrf` matches the session's token. */
export function validCsrf(req: Request, session: Session | null): boolean {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  return session !== null && sameToken(sent, session.csrf);
}
