import type { RequestStatusDoc } from '@sluice/contracts';

/** The first answer given for an idempotency key, replayed for every repeat. */
export interface StoredResponse {
  status: number;
  body: unknown;
  /** Fingerprint of the request body, so a key reused for a different body is refused. */
  fingerprint: string;
}

export type IdempotencyClaim =
  { state: 'claimed' } | { state: 'in-flight' } | { state: 'done'; response: StoredResponse };

/** A status document with the decision sequence it reflects (0 = received). */
export interface StatusRecord {
  doc: RequestStatusDoc;
  sequence: number;
}

/**
 * Intake's ledger: idempotency keys, and the status read-model a patient's status link shows. Status
 * writes are monotonic by decision sequence, so a late or redelivered event never rolls a status back.
 */
export interface RequestLedger {
  claimIdempotencyKey(scope: string, key: string, ttlSeconds: number): Promise<IdempotencyClaim>;
  completeIdempotencyKey(scope: string, key: string, response: StoredResponse, ttlSeconds: number): Promise<void>;
  /** Frees a claim whose request failed, so the sender's retry is taken afresh. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  /** Writes the status unless a record with the same or a higher sequence is there; true if written. */
  putStatus(record: StatusRecord, ttlSeconds: number): Promise<boolean>;
  getStatus(id: string): Promise<StatusRecord | null>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
