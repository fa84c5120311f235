export * from './channel';
export { LogChannel } from './log-channel';
export {
  NotifyChannel,
  missingTemplateIds,
  DECISION_REASON_CODES,
  type NotifyChannelOptions,
  type TemplateIds,
} from './notify-channel';
export { classifyNotifyError, nextMidnightUtc } from './notify-errors';
export { WebhookChannel, type WebhookBody, type WebhookChannelOptions } from './webhook-channel';
export * from './webhook-signature';
export * from './delivery-ledger';
export { RedisDeliveryLedger } from './redis-delivery-ledger';
export * from './rate-limits';
export { RedisTokenBucket, RedisRecipientLimiter } from './redis-rate-limits';
export * from './hold-store';
export { RedisHoldStore } from './redis-hold-store';
export {
  deliver,
  backoffMs,
  DEFAULT_POLICY,
  realTiming,
  type Outcome,
  type DeliveryPolicy,
  type Timing,
} from './deliver';
export { render, recipientOf, referenceOf } from './render';
export * from './templates';
export { startNotifier, type Notifier, type NotifierDeps } from './notifier';
export { notifierFromEnv, practiceFactsFrom, type NotifierWiring } from './wiring';
