-- A practice's demand history imported from its online consultation tool's export (counts only:
-- when, kind, urgency; never text or identity). The row key makes a re-import add nothing.
create table demand_import (
  practice text not null,
  row_key text not null,
  received_at timestamptz not null,
  kind text not null,
  urgency text not null,
  primary key (practice, row_key)
);
create index demand_import_by_received on demand_import (practice, received_at);
