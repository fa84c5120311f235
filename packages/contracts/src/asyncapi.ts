import { z } from 'zod';
import {
  ConsultationDecidedV1,
  ConsultationRequestedV1,
  DeadLetterV1,
  LevelChangedV1,
  NotificationResultV1,
} from './events';
import { OdsCode } from './common';
import { TOPICS, deadLetterTopic } from './topics';

/** A topic as the document describes it: what it carries, who writes and who reads it. */
interface TopicDoc {
  id: string;
  topic: string;
  title: string;
  description: string;
  schema: z.ZodType;
  example?: object;
  /** Whether each message has a `request-id` header (the event's request id). */
  requestIdHeader: boolean;
  publishedBy: string;
  readBy: string[];
}

const TOPIC_DOCS: readonly TopicDoc[] = [
  {
    id: 'consultationRequested',
    topic: TOPICS.requested,
    title: 'A request taken by intake',
    description:
      "One per request intake answered 202 for, published before the answer. Carries the patient's words and contact for the practice and the notifier; the screening outcome says whether it was signposted as an emergency (never counted or queued).",
    schema: ConsultationRequestedV1,
    requestIdHeader: true,
    publishedBy: 'intake',
    readBy: ['capacity (group sluice-capacity)', 'history (group sluice-history)'],
  },
  {
    id: 'consultationDecided',
    topic: TOPICS.decided,
    title: 'A decision on a request',
    description:
      'One per decision: accepted, queued, redirected or cancelled. A queued request promoted later gets another, with the next sequence; (id, sequence) identifies a decision, and the notifier tells the patient once per pair.',
    schema: ConsultationDecidedV1,
    requestIdHeader: true,
    publishedBy: 'capacity',
    readBy: [
      'notifier (group sluice-notifier)',
      'history (group sluice-history)',
      "intake's status projection (group sluice-intake-status)",
    ],
  },
  {
    id: 'levelChanged',
    topic: TOPICS.levelChanged,
    title: "A practice's safeguard level changed",
    description: 'GREEN, AMBER, RED or BLACK for one practice-day, with the cause. No patient data.',
    schema: LevelChangedV1,
    requestIdHeader: false,
    publishedBy: 'capacity',
    readBy: ['operators and ICB dashboards'],
  },
  {
    id: 'notificationSent',
    topic: TOPICS.notificationSent,
    title: 'A patient was told of a decision',
    description: 'The channel and template used; never the contact or the message text.',
    schema: NotificationResultV1,
    requestIdHeader: true,
    publishedBy: 'notifier',
    readBy: ['operators'],
  },
  {
    id: 'notificationFailed',
    topic: TOPICS.notificationFailed,
    title: 'A patient could not be told of a decision',
    description: 'Every retry spent or the provider refused; the error, never the contact.',
    schema: NotificationResultV1,
    requestIdHeader: true,
    publishedBy: 'notifier',
    readBy: ['operators (alert SluiceNotificationFailed)'],
  },
];

const ODS_SCHEMA = { type: 'string', pattern: '^[A-Z]\\d{5}$' };

/** Kafka bindings (AsyncAPI bindings 0.5.0): the message key is the practice's ODS code. */
const PRACTICE_KEY = {
  kafka: {
    key: {
      ...ODS_SCHEMA,
      description: "The practice's ODS code: one practice's events stay in order on one partition.",
    },
    bindingVersion: '0.5.0',
  },
};

const REQUEST_ID_HEADER = {
  type: 'object',
  properties: { 'request-id': { type: 'string', format: 'uuid', description: "The request's id, as in the payload." } },
  required: ['request-id'],
};

/** A zod contract as JSON Schema draft 7 (AsyncAPI 3's default schema format is a superset of it). */
function payloadSchema(schema: z.ZodType): object {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
    // A practice code is trimmed and upper-cased on the way in; what a consumer reads is the result.
    override: (ctx) => {
      if (ctx.zodSchema === OdsCode) Object.assign(ctx.jsonSchema, ODS_SCHEMA);
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/**
 * The event contract, generated from the same zod schemas every consumer parses with: each topic, its
 * payload, key and headers, who publishes and who reads it, and its dead-letter topic. Operations are
 * from Sluice's side: `send` for what it publishes, `receive` for what it consumes.
 */
export function asyncApiDocument(o: { brokers?: string[] } = {}): object {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  const schemas: Record<string, object> = { DeadLetterV1: payloadSchema(DeadLetterV1) };

  for (const t of TOPIC_DOCS) {
    const schemaName = `${t.id.charAt(0).toUpperCase()}${t.id.slice(1)}`;
    schemas[schemaName] ??= payloadSchema(t.schema);
    messages[t.id] = {
      name: t.id,
      title: t.title,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${schemaName}` },
      ...(t.requestIdHeader ? { headers: REQUEST_ID_HEADER } : {}),
      bindings: PRACTICE_KEY,
    };
    channels[t.id] = {
      address: t.topic,
      title: t.title,
      description: `${t.description}\n\nPublished by ${t.publishedBy}; read by ${t.readBy.join(', ')}. Poison records go to \`${deadLetterTopic(t.topic)}\`.`,
      messages: { [t.id]: { $ref: `#/components/messages/${t.id}` } },
    };
    operations[`publish${schemaName}`] = {
      action: 'send',
      title: `${t.publishedBy} publishes`,
      channel: { $ref: `#/channels/${t.id}` },
      messages: [{ $ref: `#/channels/${t.id}/messages/${t.id}` }],
    };

    const dlqId = `${t.id}DeadLetter`;
    channels[dlqId] = {
      address: deadLetterTopic(t.topic),
      title: `Dead letters of ${t.topic}`,
      description: `Records of ${t.topic} that could not be parsed or handled, with the error and the ids that could be read, never the payload (it may hold patient data). Keyed by the practice when it could be read.`,
      messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
    };
    operations[`deadLetter${schemaName}`] = {
      action: 'send',
      title: `A consumer of ${t.topic} dead-letters a record`,
      channel: { $ref: `#/channels/${dlqId}` },
      messages: [{ $ref: `#/channels/${dlqId}/messages/deadLetter` }],
    };
  }
  operations.receiveConsultationRequested = {
    action: 'receive',
    title: 'capacity decides each request; history records its screening',
    channel: { $ref: '#/channels/consultationRequested' },
    messages: [{ $ref: '#/channels/consultationRequested/messages/consultationRequested' }],
  };
  operations.receiveConsultationDecided = {
    action: 'receive',
    title: 'the notifier tells the patient, intake projects the status, history records the decision',
    channel: { $ref: '#/channels/consultationDecided' },
    messages: [{ $ref: '#/channels/consultationDecided/messages/consultationDecided' }],
  };
  messages.deadLetter = {
    name: 'deadLetter',
    title: 'A poison record',
    contentType: 'application/json',
    payload: { $ref: '#/components/schemas/DeadLetterV1' },
  };

  const brokers = o.brokers?.length ? o.brokers : ['localhost:9092'];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Sluice events',
      version: '1.0.0',
      description:
        "The Kafka topics Sluice publishes and reads. Each topic name ends in its schema's major version; fields are only ever added within a version. Events are keyed by practice ODS code.",
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: Object.fromEntries(
      brokers.map((host, i) => [
        `broker${i + 1}`,
        { host, protocol: 'kafka', description: 'A Kafka bootstrap broker' },
      ]),
    ),
    channels,
    operations,
    components: { messages, schemas },
  };
}
