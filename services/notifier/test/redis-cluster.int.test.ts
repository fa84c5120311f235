// The notifier's Redis contract suites on a Redis Cluster of three masters started here: every key a
// script or MULTI touches shares a slot (one delivery reference, one recipient's {r:…} tag, the holds'
// {notify} tag), so the same suites pass unchanged.
import { createRedisConnector, type RedisConnector } from '@sluice/redis-scripts';
import { startPrivateCluster, type PrivateCluster } from '@sluice/testkit';
import { runNotifierRedisSuites } from './redis-suites';

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

runNotifierRedisSuites('redis cluster', () => connector.connect());
