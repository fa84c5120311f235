import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

/** Where the versioned SQL migrations live: `NNNN_name.sql`, applied in name order, each once. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

/** Each `.sql` file is one migration, run whole inside the migrator's transaction. */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of readdirSync(this.dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      const text = readFileSync(path.join(this.dir, file), 'utf8');
      out[file.replace(/\.sql$/, '')] = { up: async (db) => void (await sql.raw(text).execute(db)) };
    }
    return out;
  }
}

/**
 * Brings a database to the newest schema with Kysely's Migrator (its own table and lock, so two
 * processes starting at once apply each migration once). Throws with the failing migration's name.
 */
export async function migrateToLatest(db: Kysely<unknown>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(dir),
    migrationTableName: 'sluice_migration',
    migrationLockTableName: 'sluice_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error)
    throw new Error(
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${(result.error as Error).message ?? String(result.error)}`,
      { cause: result.error },
    );
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
