export { kafkaBrokers, redisUrl, hasTestInfra, toolPath, type ToolVar } from './env';
export { uniqueName } from './names';
export { deleteByPrefix } from './redis';
export { SLUICE_MAIN, startSluiceProcess, type SluiceProcess, type SluiceProcessOptions } from './process';
export { waitFor, type WaitForOptions } from './wait';
export {
  startPrivateKafka,
  startPrivateKafkaCluster,
  type PrivateKafkaCluster,
  startPrivateRedis,
  startPrivateSentinel,
  startPrivateCluster,
  type FaultOptions,
  type PrivateCluster,
  type PrivateSentinel,
  type PrivateKafka,
  type PrivateRedis,
  type PrivateService,
} from './infra';
export { freshDatabase, testDatabaseUrl, type FreshDatabase } from './postgres';
