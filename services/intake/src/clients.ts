import { createHash, timingSafeEqual } from 'node:crypto';
import type { PracticeRepository } from '@sluice/capacity-store';

/** Who posted a request: the operator (every practice) or a client key scoped to its practices. */
export type IntakePrincipal =
  | { role: 'operator' }
  | { role: 'client'; clientId: string; practices: readonly string[]; rateLimitPerMinute?: number };

/** Intake's view of who may post for which practice. */
export interface ClientDirectory {
  /** The principal for an `Authorization` header, or null for none, a malformed one or an unknown key. */
  authenticate(authorization: string | undefined): Promise<IntakePrincipal | null>;
  /** Whether the operator has set the practice up (settings, a rota or a practice key). */
  isKnownPractice(practice: string): Promise<boolean>;
  /** The practice's own requests-a-minute limit from its settings, if it set one. */
  practiceRateLimit(practice: string): Promise<number | undefined>;
}

export const canPostFor = (p: IntakePrincipal, practice: string): boolean =>
  p.role === 'operator' || p.practices.includes(practice);

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export interface ClientDirectoryOptions {
  operatorKey: string;
  repo: Pick<PracticeRepository, 'findClient' | 'isKnownPractice' | 'getConfig'>;
  /**
   * How long a client record looked up is trusted (default 1 s): every post would otherwise cost a
   * store read. A revoked key is refused within this long on every intake process.
   */
  cacheMs?: number;
  /** Monotonic milliseconds (injectable for tests). */
  now?: () => number;
}

/** Most cached lookups kept: a flood of random keys must not grow memory. */
const CACHE_LIMIT = 10_000;

/**
 * Client keys against the repository's hashes (never the keys), the operator key in constant time.
 * Known practices are cached for good once seen (a practice is never unregistered); unknown ones are
 * asked again each time, so a practice set up a moment ago is taken at once.
 */
export function createClientDirectory(o: ClientDirectoryOptions): ClientDirectory {
  const operatorHash = sha256(o.operatorKey);
  const cacheMs = o.cacheMs ?? 1000;
  const now = o.now ?? (() => performance.now());
  const cache = new Map<string, { at: number; principal: IntakePrincipal | null }>();
  const known = new Set<string>();
  const practiceLimits = new Map<string, { at: number; limit: number | undefined }>();

  return {
    async authenticate(authorization) {
      const m = /^Bearer\s+(\S{16,512})$/i.exec(authorization ?? '');
      if (!m) return null;
      const hash = sha256(m[1]!);
      if (timingSafeEqual(hash, operatorHash)) return { role: 'operator' };
      const hex = hash.toString('hex');
      const hit = cache.get(hex);
      const t = now();
      if (hit && t - hit.at < cacheMs) return hit.principal;
      const record = await o.repo.findClient(hex);
      const principal: IntakePrincipal | null = record
        ? {
            role: 'client',
            clientId: record.id,
            practices: record.practices,
            ...(record.rateLimitPerMinute ? { rateLimitPerMinute: record.rateLimitPerMinute } : {}),
          }
        : null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(hex, { at: t, principal });
      return principal;
    },
    async isKnownPractice(practice) {
      if (known.has(practice)) return true;
      const yes = await o.repo.isKnownPractice(practice);
      if (yes && known.size < 100_000) known.add(practice);
      return yes;
    },
    // Read from the practice's stored settings (validated when saved), trusted for the same short while.
    async practiceRateLimit(practice) {
      const t = now();
      const hit = practiceLimits.get(practice);
      if (hit && t - hit.at < cacheMs) return hit.limit;
      const config = (await o.repo.getConfig(practice)) as { rateLimitPerMinute?: unknown } | null;
      const limit = typeof config?.rateLimitPerMinute === 'number' ? config.rateLimitPerMinute : undefined;
      if (practiceLimits.size >= CACHE_LIMIT) practiceLimits.clear();
      practiceLimits.set(practice, { at: t, limit });
      return limit;
    },
  };
}
