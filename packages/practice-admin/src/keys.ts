import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PracticeRepository } from '@sluice/capacity-store';

export type Principal = { role: 'operator' } | { role: 'practice'; practice: string; keyId: string };

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A new practice API key: shown once, stored only as its hash. */
export function newPracticeKey(practice: string): { key: string; id: string } {
  const id = randomBytes(6).toString('hex');
  return { id, key: `slk_${practice}_${id}_${randomBytes(24).toString('base64url')}` };
}

/** A new client key (an online consultation tool's): shown once, stored only as its hash. */
export function newClientKey(): { key: string; id: string } {
  const id = randomBytes(6).toString('hex');
  return { id, key: `slc_${id}_${randomBytes(24).toString('base64url')}` };
}

export function newOperatorKey(): string {
  return `slo_${randomBytes(32).toString('base64url')}`;
}

/**
 * Resolves `Authorization: Bearer <key>` to the operator (reaches every practice) or one practice.
 * Comparisons are on SHA-256 hashes, in constant time for the operator key.
 */
export async function authenticate(
  header: string | undefined,
  operatorKey: string,
  repo: PracticeRepository,
): Promise<Principal | null> {
  const m = /^Bearer\s+(\S{16,512})$/i.exec(header ?? '');
  return m ? authenticateKey(m[1]!, operatorKey, repo) : null;
}

/** The same check for a key given another way (the console's sign-in form). */
export async function authenticateKey(
  key: string,
  operatorKey: string,
  repo: PracticeRepository,
): Promise<Principal | null> {
  if (!/^\S{16,512}$/.test(key)) return null;
  const hash = hashKey(key);
  if (timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(hashKey(operatorKey), 'hex'))) return { role: 'operator' };
  const record = await repo.findApiKey(hash);
  return record ? { role: 'practice', practice: record.practice, keyId: record.id } : null;
}

/** A practice key signed in earlier is still good only while it has not been revoked; the operator key always is. */
export async function principalStillValid(principal: Principal, repo: PracticeRepository): Promise<boolean> {
  if (principal.role === 'operator') return true;
  return (await repo.listApiKeys(principal.practice)).some((k) => k.id === principal.keyId);
}

export function canReach(principal: Principal, practice: string): boolean {
  return principal.role === 'operator' || principal.practice === practice;
}
