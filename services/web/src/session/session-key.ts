import { createHash } from 'node:crypto';

/** Stores key a session by the hash of its id, never the id the cookie carries. */
export const sessionKey = (id: string): string => createHash('sha256').update(id).digest('base64url');
