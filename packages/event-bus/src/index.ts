export * from './event-bus';
export { InProcessEventBus } from './in-process-event-bus';
export { KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus';
export { typedBatchHandler, type Parsed, type TypedHandlerOptions } from './typed-handler';
export { kafkaClientConfig, kafkaOptionsFromEnv, type KafkaEnv, type KafkaSecurity, type SaslMechanism } from './kafka-options';
