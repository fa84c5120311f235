import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data is: the URL without its password, or the data directory. */
  where: string;
  /** Migrations this open applied (none when the schema was up to date). */
  applied: string[];
  close(): Promise<void>;
}

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string };

/** Opens PostgreSQL (a URL) or PGlite (a data directory; `memory://` for none) and migrates it. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // A dropped idle connection (the server restarted) is an 'error' event; without a listener it
    // would crash the process. The pool makes a new one on the next query.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(target.databaseUrl);
    if (u.password) u.password = '***';
    opened = { db, kind: 'postgres', where: u.toString(), applied: [], close: () => db.destroy() };
  } else {
    if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
    const lite = await PGlite.create(target.dataDir);
    const db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
    opened = {
      db,
      kind: 'pglite',
      where: target.dataDir,
      applied: [],
      close: async () => {
        await db.destroy();
        await lite.close();
      },
    };
  }
  try {
    opened.applied = await migrateToLatest(opened.db as Kysely<unknown>);
  } catch (e) {
    await opened.close();
    throw e;
  }
  return opened;
}
