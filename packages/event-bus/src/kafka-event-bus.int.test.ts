import { runEventBusContract } from './event-bus.contract';
import { KafkaEventBus } from './kafka-event-bus';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run through `pnpm test`, which starts a Kafka broker');

runEventBusContract('kafka', async (o) => ({
  bus: new KafkaEventBus({ ...o, brokers: brokers.split(','), clientId: 'contract-test' }),
  cleanup: async () => undefined,
}));

// The same contract with a producer linger: waiting for company must not change what is delivered, in
// what order, or what a failed publish means.
runEventBusContract('kafka, 20 ms linger', async (o) => ({
  bus: new KafkaEventBus({ ...o, brokers: brokers.split(','), clientId: 'contract-test-linger', lingerMs: 20 }),
  cleanup: async () => undefined,
}));

// And one partition's batch at a time with short fetches (the default handles several partitions at
// once): both ways must keep each partition's order, redeliver what failed and commit only what was handled.
runEventBusContract('kafka, one partition at a time, 5 ms fetches', async (o) => ({
  bus: new KafkaEventBus({
    ...o,
    brokers: brokers.split(','),
    clientId: 'contract-test-serial',
    partitionsConcurrently: 1,
    fetchMaxWaitMs: 5,
    fetchMinBytes: 1,
  }),
  cleanup: async () => undefined,
}));
