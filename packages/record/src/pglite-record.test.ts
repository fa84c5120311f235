import { openRecord } from './open-record';
import { runRecordContract } from './record.contract';

// Real PGlite (Postgres compiled to WASM) in memory: the embedded default's engine, no server needed.
runRecordContract('pglite', async () => {
  const { record } = await openRecord({ dataDir: 'memory://' });
  return { record, cleanup: () => record.close() };
});
