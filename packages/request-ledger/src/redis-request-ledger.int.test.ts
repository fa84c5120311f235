import { randomUUID } from 'node:crypto';
import { deleteByPrefix } from '@sluice/testkit';
import { RedisRequestLedger } from './redis-request-ledger';
import { runRequestLedgerContract } from './request-ledger.contract';

runRequestLedgerContract('redis', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const ledger = new RedisRequestLedger({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix });
  return {
    ledger,
    cleanup: async () => {
      await deleteByPrefix(ledger.redis, prefix);
      await ledger.close();
    },
  };
});
