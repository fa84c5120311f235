import { MemoryRecord } from './memory-record';
import { runRecordContract } from './record.contract';

runRecordContract('memory', async () => ({ record: new MemoryRecord(), cleanup: async () => undefined }));
