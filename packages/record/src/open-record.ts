import { MemoryRecord } from './memory-record';
import { openDatabase } from './open';
import type { SluiceRecord } from './record';
import { SqlRecord } from './sql-record';

/** PostgreSQL when a URL is given, PGlite in a data directory, or memory when neither is. */
export type RecordTarget = { databaseUrl: string } | { dataDir: string } | { memory: true };

export interface OpenedRecord {
  record: SluiceRecord;
  /** Where it is, for the start-up line: a URL without password, a directory, or 'memory'. */
  where: string;
}

/** Opens the record and brings its schema up to date (every migration, in order, once). */
export async function openRecord(target: RecordTarget): Promise<OpenedRecord> {
  if ('memory' in target) return { record: new MemoryRecord(), where: 'memory' };
  const db = await openDatabase(target);
  return { record: new SqlRecord(db), where: db.where };
}
