import { runEventBusContract } from './event-bus.contract';
import { KafkaEventBus } from './kafka-event-bus';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run through `pnpm test`, which starts a Kafka broker');

runEventBusContract('kafka', async () => ({
  bus: new KafkaEventBus({ brokers: brokers.split(','), clientId: 'contract-test' }),
  cleanup: async () => undefined,
}));

// The same contract with a producer linger: waiting for company must not change what is delivered, in
// what order, or what a failed publish means.
runEventBusContract('kafka, 20 ms linger', async () => ({
  bus: new KafkaEventBus({ brokers: brokers.split(','), clientId: 'contract-test-linger', lingerMs: 20 }),
  cleanup: async () => undefined,
}));
