import { z } from 'zod';
import type { RequestStatusDoc } from '@sluice/contracts';
import type { RequestLedger } from './request-ledger';

export interface StatusReaderDeps {
  ledger: RequestLedger;
  /** The live waiting-list position, when the capacity store is reachable. */
  livePosition?: (practice: string, id: string) => Promise<number | null>;
}

/**
 * A request's status as a patient may see it (no personal data): the read-model's document with the
 * live waiting-list position when the capacity store is reachable. Null for a malformed or unknown id.
 * The JSON route and the patient status page both read through this.
 */
export function createStatusReader(deps: StatusReaderDeps) {
  return async function readStatus(id: string | undefined): Promise<RequestStatusDoc | null> {
    const parsed = z.uuid().safeParse(id);
    if (!parsed.success) return null;
    const record = await deps.ledger.getStatus(parsed.data);
    if (!record) return null;
    const doc = { ...record.doc };
    if (doc.status === 'queued' && doc.queue && deps.livePosition) {
      const position = await deps.livePosition(doc.practice, doc.id).catch(() => null);
      if (position) doc.queue = { ...doc.queue, position };
    }
    return doc;
  };
}
export type StatusReader = ReturnType<typeof createStatusReader>;
