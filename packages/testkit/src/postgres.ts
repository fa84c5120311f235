// Test helpers: a fresh, uniquely named PostgreSQL database per suite, dropped after.
// SLUICE_TEST_DATABASE_URL (exported by scripts/test.mjs; not DATABASE_URL, which every Sluice process
// a test spawns would inherit and write to) names the server and a database to connect to for CREATE/DROP.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const HOW =
  'run through `pnpm test`, which makes sure PostgreSQL answers and exports SLUICE_TEST_DATABASE_URL (or export it yourself, e.g. postgres://postgres@127.0.0.1:5432/postgres)';

/** The test server's URL, from SLUICE_TEST_DATABASE_URL; throws (never skips) when it is not set. */
export function testDatabaseUrl(): string {
  const url = process.env.SLUICE_TEST_DATABASE_URL?.trim();
  if (!url) throw new Error(`SLUICE_TEST_DATABASE_URL is not set, so there is no PostgreSQL to test against: ${HOW}`);
  return url;
}

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates `sluice_test_<random>` on the test server; `drop()` removes it (closing any session left). */
export async function freshDatabase(prefix = 'sluice_test'): Promise<FreshDatabase> {
  const admin = testDatabaseUrl();
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const run = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => run(`drop database if exists ${name} with (force)`) };
}
