// The request ledger's contract suite on a Redis Cluster of three masters started here: each command
// and script touches one key (a request's status, or an idempotency key under its scope's tag).
import { randomUUID } from 'node:crypto';
import { createRedisConnector, type RedisConnector } from '@sluice/redis-scripts';
import { deleteByPrefix, startPrivateCluster, type PrivateCluster } from '@sluice/testkit';
import { RedisRequestLedger } from './redis-request-ledger';
import { runRequestLedgerContract } from './request-ledger.contract';

jest.setTimeout(60_000);

let cluster: PrivateCluster;
let connector: RedisConnector;
beforeAll(async () => {
  cluster = await startPrivateCluster();
  connector = createRedisConnector({ mode: 'cluster', nodes: cluster.nodeList });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

runRequestLedgerContract('redis cluster', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const ledger = new RedisRequestLedger({ connector, prefix });
  return {
    ledger,
    cleanup: async () => {
      await deleteByPrefix(ledger.redis, prefix);
      await ledger.close();
    },
  };
});
