export * from './request-ledger';
export { MemoryRequestLedger } from './memory-request-ledger';
export { RedisRequestLedger } from './redis-request-ledger';
export { createStatusReader, type StatusReader, type StatusReaderDeps } from './status-reader';
