import { randomUUID } from 'node:crypto';
import { RedisRequestLedger } from './redis-request-ledger';
import { runRequestLedgerContract } from './request-ledger.contract';

runRequestLedgerContract('redis', async () => {
  const ledger = new RedisRequestLedger({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `test:${randomUUID().slice(0, 8)}:` });
  return { ledger, cleanup: async () => { await ledger.destroy(); await ledger.close(); } };
});
