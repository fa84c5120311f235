import type { ColumnType, Generated } from 'kysely';

/** timestamptz: written as an ISO string, read back as a Date (pg and PGlite alike). */
type Instant = ColumnType<Date, string, string>;
/** date: written as an ISO day; read it with `::text` (pg would hand back a local-midnight Date). */
type Day = ColumnType<string, string, string>;

/** The tables of migrations/*.sql, for Kysely's typed queries. */
export interface Database {
  practice: { ods: string; created_at: Generated<Date> };
  practice_document: {
    practice: string;
    kind: string;
    slot: string;
    document: ColumnType<unknown, string | null, string | null>;
    version: string;
    written_at: Instant;
  };
  practice_document_version: {
    id: Generated<string>;
    practice: string;
    kind: string;
    slot: string;
    document: ColumnType<unknown, string | null, string | null>;
    version: string;
    written_at: Instant;
    written_by: string | null;
  };
  pause_audit: {
    id: Generated<string>;
    practice: string;
    action: string;
    reason: string | null;
    by_whom: string | null;
    until: ColumnType<Date | null, string | null, string | null>;
    at: Instant;
  };
  api_key: {
    id: string;
    practice: string;
    hash: string;
    label: string | null;
    created_at: Instant;
    revoked_at: ColumnType<Date | null, string | null, string | null>;
  };
  screening: {
    request_id: string;
    practice: string;
    received_at: Instant;
    kind: string;
    urgency: string;
    outcome: string;
    rule_id: string | null;
    rules_version: string | null;
    destination: string | null;
    source: string | null;
  };
  demand_import: { practice: string; row_key: string; received_at: Instant; kind: string; urgency: string };
  decision: {
    request_id: string;
    sequence: number;
    practice: string;
    day: Day;
    outcome: string;
    reason_code: string;
    share: string | null;
    destination: string | null;
    queue_position: number | null;
    expected_day: ColumnType<string | null, string | null, string | null>;
    flags: string[];
    kind: string;
    urgency: string;
    received_at: Instant;
    decided_at: Instant;
    recorded_at: Generated<Date>;
  };
}
