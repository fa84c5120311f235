export * from './record';
export { MemoryRecord } from './memory-record';
export { SqlRecord } from './sql-record';
export { openRecord, type OpenedRecord, type RecordTarget } from './open-record';
export { openDatabase, type DatabaseTarget, type OpenedDatabase } from './open';
export { migrateToLatest, MIGRATIONS_DIR } from './migrate';
export { recordTarget, DEFAULT_DATA_DIR, type RecordSettings } from './target';
export { startHistoryWriter, screeningRow, decisionRow, HISTORY_GROUP, type HistoryWriterDeps } from './history-writer';
export { RecordedPracticeRepository, restoreSettings, type RestoredSettings } from './recorded-practice-repository';
