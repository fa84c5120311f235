/** Every Kafka topic Sluice reads or writes, in one place. The suffix is the schema's major version. */
export const TOPICS = {
  requested: 'consultation.requested.v1',
  decided: 'consultation.decided.v1',
  levelChanged: 'capacity.level-changed.v1',
  notificationSent: 'notification.sent.v1',
  notificationFailed: 'notification.failed.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Poison records of a topic go to `<topic>.dlq`, with the error, never with the payload. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const ALL_TOPICS: readonly string[] = [...Object.values(TOPICS), ...Object.values(TOPICS).map(deadLetterTopic)];
