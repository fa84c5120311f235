import { freshDatabase } from '@sluice/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate';
import { openDatabase } from './open';
import { openRecord } from './open-record';
import { runRecordContract } from './record.contract';

runRecordContract('postgres', async () => {
  const fresh = await freshDatabase();
  const { record } = await openRecord({ databaseUrl: fresh.url });
  return {
    record,
    cleanup: async () => {
      await record.close();
      await fresh.drop();
    },
  };
});

describe('record schema (postgres)', () => {
  it('security: no column could hold a name, contact detail, NHS number or symptom text', async () => {
    const fresh = await freshDatabase();
    const { record } = await openRecord({ databaseUrl: fresh.url });
    try {
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name not like 'sluice_migration%'",
      );
      await client.end();
      const columns = rows.map((r) => `${r.table_name}.${r.column_name}`);
      expect(columns).toContain('decision.reason_code');
      expect(
        columns.filter((c) =>
          /contact|phone|email|nhs|name|description|symptom|address|dob|birth/i.test(c.split('.')[1]!),
        ),
      ).toEqual([]);
    } finally {
      await record.close();
      await fresh.drop();
    }
  });

  it('happy: migrating again applies nothing, and two processes migrating at once apply each migration once', async () => {
    const fresh = await freshDatabase();
    try {
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: fresh.url }),
        openDatabase({ databaseUrl: fresh.url }),
      ]);
      expect(await migrateToLatest(a.db as never)).toEqual([]);
      const { rows } = await sql<{ name: string }>`select name from sluice_migration order by name`.execute(a.db);
      expect(rows.map((r) => r.name)).toEqual(['0001_record', '0002_demand_import']);
      await a.close();
      await b.close();
    } finally {
      await fresh.drop();
    }
  });
});
