import type { ApiKeyRecord } from '@sluice/capacity-store';
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  DecisionRow,
  DemandRow,
  DocumentKind,
  DocumentWrite,
  PauseAuditEntry,
  Pruned,
  ScreeningRow,
  SluiceRecord,
  StoredDocument,
} from './record';
import type { Database } from './schema';
import type { OpenedDatabase } from './open';

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
/** Multi-row INSERTs of at most this many rows (pg's limit is 65,535 parameters a statement). */
const CHUNK = 500;

/** The record on PostgreSQL or PGlite: one schema, one implementation, two connections. */
export class SqlRecord implements SluiceRecord {
  readonly kind: 'postgres' | 'pglite';
  private readonly db: Kysely<Database>;

  constructor(private readonly opened: OpenedDatabase) {
    this.db = opened.db;
    this.kind = opened.kind;
  }

  get where(): string {
    return this.opened.where;
  }

  async putDocument(w: DocumentWrite): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('practice')
        .values({ ods: w.practice })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const row = {
        practice: w.practice,
        kind: w.kind,
        slot: w.slot,
        document: json(w.document),
        version: w.version,
        written_at: w.writtenAt,
      };
      await tx
        .insertInto('practice_document')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['practice', 'kind', 'slot'])
            .doUpdateSet({ document: row.document, version: row.version, written_at: row.written_at }),
        )
        .execute();
      await tx
        .insertInto('practice_document_version')
        .values({ ...row, written_by: w.writtenBy ?? null })
        .execute();
    });
  }

  async getDocument(practice: string, kind: DocumentKind, slot = ''): Promise<StoredDocument | null> {
    const row = await this.db
      .selectFrom('practice_document')
      .selectAll()
      .where('practice', '=', practice)
      .where('kind', '=', kind)
      .where('slot', '=', slot)
      .executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  async documents(practice: string): Promise<StoredDocument[]> {
    const rows = await this.db
      .selectFrom('practice_document')
      .selectAll()
      .where('practice', '=', practice)
      .orderBy('kind')
      .orderBy('slot')
      .execute();
    return rows.map(toDocument);
  }

  async documentHistory(practice: string, kind: DocumentKind, slot = ''): Promise<DocumentWrite[]> {
    const rows = await this.db
      .selectFrom('practice_document_version')
      .selectAll()
      .where('practice', '=', practice)
      .where('kind', '=', kind)
      .where('slot', '=', slot)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...toDocument(r), ...(r.written_by ? { writtenBy: r.written_by } : {}) }));
  }

  async appendPauseAudit(e: PauseAuditEntry): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('practice')
        .values({ ods: e.practice })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('pause_audit')
        .values({
          practice: e.practice,
          action: e.action,
          reason: e.reason ?? null,
          by_whom: e.by ?? null,
          until: e.until ?? null,
          at: e.at,
        })
        .execute();
    });
  }

  async pauseAudit(practice: string): Promise<PauseAuditEntry[]> {
    const rows = await this.db
      .selectFrom('pause_audit')
      .selectAll()
      .where('practice', '=', practice)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      practice: r.practice,
      action: r.action as PauseAuditEntry['action'],
      ...(r.reason !== null ? { reason: r.reason } : {}),
      ...(r.by_whom !== null ? { by: r.by_whom } : {}),
      ...(r.until !== null ? { until: iso(r.until) } : {}),
      at: iso(r.at),
    }));
  }

  async putApiKey(k: ApiKeyRecord): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('practice')
        .values({ ods: k.practice })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('api_key')
        .values({
          id: k.id,
          practice: k.practice,
          hash: k.hash,
          label: k.label ?? null,
          created_at: k.createdAt,
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    });
  }

  async revokeApiKey(practice: string, id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_key')
      .set({ revoked_at: at })
      .where('practice', '=', practice)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async apiKeys(practice?: string): Promise<ApiKeyRecord[]> {
    let q = this.db.selectFrom('api_key').selectAll().where('revoked_at', 'is', null);
    if (practice !== undefined) q = q.where('practice', '=', practice);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      practice: r.practice,
      hash: r.hash,
      createdAt: iso(r.created_at),
      ...(r.label !== null ? { label: r.label } : {}),
    }));
  }

  async practices(): Promise<string[]> {
    const rows = await this.db.selectFrom('practice').select('ods').orderBy('ods').execute();
    return rows.map((r) => r.ods);
  }

  async writeScreenings(rows: ScreeningRow[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((s) => ({
        request_id: s.requestId,
        practice: s.practice,
        received_at: s.receivedAt,
        kind: s.kind,
        urgency: s.urgency,
        outcome: s.outcome,
        rule_id: s.ruleId ?? null,
        rules_version: s.rulesVersion ?? null,
        destination: s.destination ?? null,
        source: s.source ?? null,
      }));
      const r = await this.db
        .insertInto('screening')
        .values(values)
        .onConflict((oc) => oc.column('request_id').doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async writeDecisions(rows: DecisionRow[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((d) => ({
        request_id: d.requestId,
        sequence: d.sequence,
        practice: d.practice,
        day: d.day,
        outcome: d.outcome,
        reason_code: d.reasonCode,
        share: d.share ?? null,
        destination: d.destination ?? null,
        queue_position: d.queuePosition ?? null,
        expected_day: d.expectedDay ?? null,
        flags: d.flags,
        kind: d.kind,
        urgency: d.urgency,
        received_at: d.receivedAt,
        decided_at: d.decidedAt,
      }));
      const r = await this.db
        .insertInto('decision')
        .values(values)
        .onConflict((oc) => oc.columns(['request_id', 'sequence']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async screening(requestId: string): Promise<ScreeningRow | null> {
    const r = await this.db.selectFrom('screening').selectAll().where('request_id', '=', requestId).executeTakeFirst();
    if (!r) return null;
    return {
      requestId: r.request_id,
      practice: r.practice,
      receivedAt: iso(r.received_at),
      kind: r.kind,
      urgency: r.urgency,
      outcome: r.outcome,
      ...(r.rule_id !== null ? { ruleId: r.rule_id } : {}),
      ...(r.rules_version !== null ? { rulesVersion: r.rules_version } : {}),
      ...(r.destination !== null ? { destination: r.destination } : {}),
      ...(r.source !== null ? { source: r.source } : {}),
    };
  }

  async decisions(requestId: string): Promise<DecisionRow[]> {
    const rows = await this.decisionQuery().where('request_id', '=', requestId).orderBy('sequence').execute();
    return rows.map(toDecision);
  }

  async decisionsOn(practice: string, day: string): Promise<DecisionRow[]> {
    const rows = await this.decisionQuery()
      .where('practice', '=', practice)
      .where('day', '=', day)
      .orderBy('decided_at')
      .orderBy('sequence')
      .orderBy('request_id')
      .execute();
    return rows.map(toDecision);
  }

  async importRows(
    practice: string,
    rows: readonly (DemandRow & { key: string })[],
  ): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => ({
        practice,
        row_key: r.key,
        received_at: r.receivedAt.toISOString(),
        kind: r.kind,
        urgency: r.urgency,
      }));
      const res = await this.db
        .insertInto('demand_import')
        .values(values)
        .onConflict((oc) => oc.columns(['practice', 'row_key']).doNothing())
        .executeTakeFirst();
      added += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    return { added, duplicates: rows.length - added };
  }

  async demand(practice: string, from: Date, to: Date): Promise<DemandRow[]> {
    const imported = this.db
      .selectFrom('demand_import')
      .select(['received_at', 'kind', 'urgency'])
      .where('practice', '=', practice)
      .where('received_at', '>=', from)
      .where('received_at', '<', to);
    const own = this.db
      .selectFrom('screening')
      .select(['received_at', 'kind', 'urgency'])
      .where('practice', '=', practice)
      .where('received_at', '>=', from)
      .where('received_at', '<', to);
    const rows = await imported.unionAll(own).orderBy('received_at').execute();
    return rows.map((r) => ({
      receivedAt: new Date(r.received_at),
      kind: r.kind as DemandRow['kind'],
      urgency: r.urgency as DemandRow['urgency'],
    }));
  }

  async prune(before: string): Promise<Pruned> {
    const s = await this.db.deleteFrom('screening').where('received_at', '<', new Date(before)).executeTakeFirst();
    const d = await this.db.deleteFrom('decision').where('decided_at', '<', new Date(before)).executeTakeFirst();
    return { screenings: Number(s.numDeletedRows), decisions: Number(d.numDeletedRows) };
  }

  async healthy(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.opened.close();
  }

  private decisionQuery() {
    return this.db
      .selectFrom('decision')
      .select([
        'request_id',
        'sequence',
        'practice',
        'outcome',
        'reason_code',
        'share',
        'destination',
        'queue_position',
        'flags',
        'kind',
        'urgency',
        'received_at',
        'decided_at',
      ])
      .select([sql<string>`day::text`.as('day'), sql<string | null>`expected_day::text`.as('expected_day')]);
  }
}

function toDocument(r: Selectable<Database['practice_document']>): StoredDocument {
  return {
    practice: r.practice,
    kind: r.kind as DocumentKind,
    slot: r.slot,
    document: r.document ?? null,
    version: r.version,
    writtenAt: iso(r.written_at),
  };
}

type DecisionSelect = Omit<Selectable<Database['decision']>, 'recorded_at' | 'expected_day'> & {
  expected_day: string | null;
};

function toDecision(r: DecisionSelect): DecisionRow {
  return {
    requestId: r.request_id,
    sequence: r.sequence,
    practice: r.practice,
    day: r.day,
    outcome: r.outcome,
    reasonCode: r.reason_code,
    ...(r.share !== null ? { share: r.share } : {}),
    ...(r.destination !== null ? { destination: r.destination } : {}),
    ...(r.queue_position !== null ? { queuePosition: r.queue_position } : {}),
    ...(r.expected_day !== null ? { expectedDay: r.expected_day } : {}),
    flags: r.flags,
    kind: r.kind,
    urgency: r.urgency,
    receivedAt: iso(r.received_at),
    decidedAt: iso(r.decided_at),
  };
}
