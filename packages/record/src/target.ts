import path from 'node:path';
import type { RecordTarget } from './open-record';

export interface RecordSettings {
  DATABASE_URL?: string | undefined;
  SLUICE_DATA_DIR?: string | undefined;
  INIT_CWD?: string | undefined;
}

/** The embedded default's data directory: ./.sluice-data under the directory pnpm was started in. */
export const DEFAULT_DATA_DIR = '.sluice-data';

/**
 * Where the record is, from configuration: PostgreSQL when DATABASE_URL is set; PGlite in
 * SLUICE_DATA_DIR; `memory` for none. With neither set, the embedded default (every role in one
 * process) uses ./.sluice-data, and a single role memory (several role processes must never share
 * one PGlite directory: PGlite is one process's database).
 */
export function recordTarget(env: RecordSettings, options: { embedded: boolean; cwd?: string }): RecordTarget {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  const dir = env.SLUICE_DATA_DIR ?? (options.embedded ? DEFAULT_DATA_DIR : 'memory');
  if (dir === 'memory') return { memory: true };
  if (dir.startsWith('memory://')) return { dataDir: dir };
  return { dataDir: path.resolve(env.INIT_CWD ?? options.cwd ?? process.cwd(), dir) };
}
