export * from './event-bus';
export { InProcessEventBus, type InProcessEventBusOptions } from './in-process-event-bus';
export {
  FailurePolicy,
  handlerDeadLetter,
  isRetriable,
  type FailurePolicyOptions,
  type FailureReporter,
  type HandlerFailure,
} from './failure-policy';
export {
  kafkaClientConfig,
  kafkaOptionsFromEnv,
  type KafkaEnv,
  type KafkaSecurity,
  type SaslMechanism,
} from './kafka-options';
export { TopicConfigError } from './kafka-topics';
export { KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus';
export { typedBatchHandler, type Parsed, type TypedHandlerOptions } from './typed-handler';
