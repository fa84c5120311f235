-- The system of record's first schema (docs/decisions/0028-system-of-record.md).
-- No patient data, ever: no names, contact details, NHS numbers or symptom text. Requests are known
-- by their id, their practice, their times and what was decided.

create table practice (
  ods text primary key,
  created_at timestamptz not null default now()
);

-- The current value of each settings document: 'config', 'weekly-rota', 'rota' (slot = its ISO day)
-- and 'pause' (document null once lifted). version is the token the hot store hands to capacity
-- replicas, so a rebuilt store keeps the version it had.
create table practice_document (
  practice text not null references practice (ods),
  kind text not null check (kind in ('config', 'weekly-rota', 'rota', 'pause')),
  slot text not null default '',
  document jsonb,
  version text not null,
  written_at timestamptz not null,
  primary key (practice, kind, slot)
);

-- Every write of every settings document, oldest first: settings and their versions over time.
create table practice_document_version (
  id bigserial primary key,
  practice text not null references practice (ods),
  kind text not null,
  slot text not null default '',
  document jsonb,
  version text not null,
  written_at timestamptz not null,
  written_by text
);
create index practice_document_version_by_practice on practice_document_version (practice, kind, slot, id);

-- The ICB's audit of exceptional-circumstances pauses: who, why, when, until when, and when lifted.
create table pause_audit (
  id bigserial primary key,
  practice text not null references practice (ods),
  action text not null check (action in ('declared', 'lifted')),
  reason text,
  by_whom text,
  until timestamptz,
  at timestamptz not null
);
create index pause_audit_by_practice on pause_audit (practice, id);

-- API and client keys: the SHA-256 hash only, never the key.
create table api_key (
  id text primary key,
  practice text not null references practice (ods),
  hash text not null unique,
  label text,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index api_key_by_practice on api_key (practice, created_at);

-- Each request's screening at intake (from consultation.requested.v1): the rule id that fired, never
-- the text that fired it.
create table screening (
  request_id uuid primary key,
  practice text not null,
  received_at timestamptz not null,
  kind text not null,
  urgency text not null,
  outcome text not null,
  rule_id text,
  rules_version text,
  destination text,
  source text
);
create index screening_by_received on screening (received_at);

-- Every decision (from consultation.decided.v1), one row per (request id, decision sequence): a
-- redelivery writes nothing.
create table decision (
  request_id uuid not null,
  sequence integer not null check (sequence >= 1),
  practice text not null,
  day date not null,
  outcome text not null,
  reason_code text not null,
  share text,
  destination text,
  queue_position integer,
  expected_day date,
  flags text[] not null default '{}',
  kind text not null,
  urgency text not null,
  received_at timestamptz not null,
  decided_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (request_id, sequence)
);
create index decision_by_practice_day on decision (practice, day);
create index decision_by_decided on decision (decided_at);
