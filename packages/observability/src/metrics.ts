import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const NON_COUNTER_TOTALS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Every metric Sluice exports, defined once. Names follow Prometheus conventions: base units,
 * `_total` counters, `_seconds` histograms. Labels are bounded sets; the practice ODS code is the only
 * high-cardinality label, and only on the per-practice `sluice_practice_*` series.
 */
export function createMetrics(options: { service: string; registry?: Registry; defaults?: boolean }) {
  const registry = options.registry ?? new Registry();
  if (options.defaults !== false) {
    collectDefaultMetrics({ register: registry });
    // prom-client names three gauges `_total`, which Prometheus reserves for counters (promtool check
    // metrics fails on them); each is only the sum of its per-type gauge, which stays.
    for (const name of NON_COUNTER_TOTALS) registry.removeSingleMetric(name);
  }
  const r = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'sluice_http_requests_total',
      help: 'HTTP requests answered, by route and status code',
      labelNames: ['service', 'method', 'route', 'status'],
      registers: r,
    }),
    httpDuration: new Histogram({
      name: 'sluice_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['service', 'method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: r,
    }),
    requestsReceived: new Counter({
      name: 'sluice_requests_received_total',
      help: 'Patient requests taken at intake, by kind, urgency and screening outcome',
      labelNames: ['kind', 'urgency', 'screening'],
      registers: r,
    }),
    screenings: new Counter({
      name: 'sluice_screenings_total',
      help: "Requests screened at intake, by outcome (emergency, concern, clear) and the rule that fired (none when clear); rule ids are the rules file's bounded set",
      labelNames: ['outcome', 'rule'],
      registers: r,
    }),
    redFlags: new Counter({
      name: 'sluice_red_flags_total',
      help: 'Requests signposted as emergencies at intake, by destination',
      labelNames: ['destination'],
      registers: r,
    }),
    decisions: new Counter({
      name: 'sluice_decisions_total',
      help: 'Decisions made, by outcome and reason code',
      labelNames: ['outcome', 'reason'],
      registers: r,
    }),
    practiceDecisions: new Counter({
      name: 'sluice_practice_decisions_total',
      help: 'Decisions made for each practice, by outcome (its demand)',
      labelNames: ['practice', 'outcome'],
      registers: r,
    }),
    duplicates: new Counter({
      name: 'sluice_duplicate_deliveries_total',
      help: 'Redelivered requests answered from the stored decision (nothing reserved again)',
      registers: r,
    }),
    redisWaitShortfalls: new Counter({
      name: 'sluice_redis_wait_shortfall_total',
      help: 'Decided chunks published before the wanted Redis replicas acknowledged them (WAIT timed out)',
      registers: r,
    }),
    decisionLatency: new Histogram({
      name: 'sluice_intake_to_decision_seconds',
      help: 'Time from intake receiving a request to its decision',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: r,
    }),
    practiceLevel: new Gauge({
      name: 'sluice_practice_level',
      help: 'Safeguard level today: 0 GREEN, 1 AMBER, 2 RED, 3 BLACK',
      labelNames: ['practice'],
      registers: r,
    }),
    practiceUsed: new Gauge({
      name: 'sluice_practice_capacity_used',
      help: 'Contacts used today, by share',
      labelNames: ['practice', 'share'],
      registers: r,
    }),
    practiceSafe: new Gauge({
      name: 'sluice_practice_capacity_safe',
      help: 'Safe capacity today, by share',
      labelNames: ['practice', 'share'],
      registers: r,
    }),
    practiceQueueDepth: new Gauge({
      name: 'sluice_practice_queue_depth',
      help: 'Requests on the waiting list',
      labelNames: ['practice'],
      registers: r,
    }),
    practiceOldestQueued: new Gauge({
      name: 'sluice_practice_oldest_queued_seconds',
      help: 'Age of the oldest request on the waiting list',
      labelNames: ['practice'],
      registers: r,
    }),
    practiceOldestQueuedWorking: new Gauge({
      name: 'sluice_practice_oldest_queued_working_seconds',
      help: 'Core hours (08:00-18:30 on working days) the oldest request on the waiting list has waited',
      labelNames: ['practice'],
      registers: r,
    }),
    // Only while paused (removed when resumed): as many series as paused practices, not practices.
    practicePaused: new Gauge({
      name: 'sluice_practice_paused',
      help: 'The practice has paused its online route (exceptional circumstances): 1 while paused',
      labelNames: ['practice'],
      registers: r,
    }),
    levelChanges: new Counter({
      name: 'sluice_level_changes_total',
      help: 'Safeguard level changes, by new level',
      labelNames: ['to'],
      registers: r,
    }),
    promotions: new Counter({
      name: 'sluice_promotions_total',
      help: 'Queued requests promoted into freed capacity',
      registers: r,
    }),
    // channel: notify | webhook | log. outcome: sent | recovered (found already sent after a crash) | duplicate
    // (redelivered, skipped) | held (daily limit) | rejected (400/403) | failed (retry budget spent) | suppressed (recipient limit).
    notifications: new Counter({
      name: 'sluice_notifications_total',
      help: 'Patient messages, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: r,
    }),
    // cause: server-error | rate-limited | timeout | network
    notificationRetries: new Counter({
      name: 'sluice_notification_retries_total',
      help: 'Send attempts retried after a retriable answer, by channel and cause',
      labelNames: ['channel', 'cause'],
      registers: r,
    }),
    notificationHolds: new Counter({
      name: 'sluice_notification_holds_total',
      help: 'Messages held until a provider daily limit resets',
      labelNames: ['channel'],
      registers: r,
    }),
    notificationRejections: new Counter({
      name: 'sluice_notification_rejections_total',
      help: 'Sends a provider refused for good (alert on any): 400 bad request, 403 auth',
      labelNames: ['channel', 'status'],
      registers: r,
    }),
    // limiter: provider (the shared per-key token bucket)
    rateLimitWaits: new Counter({
      name: 'sluice_notification_rate_limit_waits_total',
      help: 'Times a send waited for the shared rate limit',
      labelNames: ['limiter'],
      registers: r,
    }),
    rateLimitWaitSeconds: new Counter({
      name: 'sluice_notification_rate_limit_wait_seconds_total',
      help: 'Seconds spent waiting for the shared rate limit',
      labelNames: ['limiter'],
      registers: r,
    }),
    handlerFailures: new Counter({
      name: 'sluice_handler_failures_total',
      help: 'Consumer handler calls that failed (retried, split or dead-lettered), by topic, group and whether the error was retriable',
      labelNames: ['topic', 'group', 'retriable'],
      registers: r,
    }),
    deadLetters: new Counter({
      name: 'sluice_dead_letters_total',
      help: 'Records sent to a dead-letter topic, by source topic',
      labelNames: ['topic'],
      registers: r,
    }),
    consumerLag: new Gauge({
      name: 'sluice_consumer_lag_messages',
      help: 'Messages behind the end of each topic-partition',
      labelNames: ['group', 'topic', 'partition'],
      registers: r,
    }),
    // check: the names of /readyz's checks (bus, store, consumers, accepting); set at each scrape.
    ready: new Gauge({
      name: 'sluice_ready',
      help: 'Whether each readiness check passes (1) or not (0), as /readyz answers',
      labelNames: ['check'],
      registers: r,
    }),
    intakeRefusals: new Counter({
      name: 'sluice_intake_refusals_total',
      help: 'Posts refused at intake before validation: unauthenticated, forbidden (practice outside the key), unknown-practice',
      labelNames: ['reason'],
      registers: r,
    }),
    practiceRateLimited: new Counter({
      name: 'sluice_practice_rate_limited_total',
      help: 'Posts refused 429 for a registered practice, by the limit that refused them (practice or client)',
      labelNames: ['practice', 'scope'],
      registers: r,
    }),
    rateLimitErrors: new Counter({
      name: 'sluice_intake_rate_limit_errors_total',
      help: 'Rate-limit checks that failed (store unreachable): the request was taken (fail open)',
      registers: r,
    }),
    publishFailures: new Counter({
      name: 'sluice_publish_failures_total',
      help: 'Intake publishes that failed (the patient got a 503, not a 202)',
      registers: r,
    }),
    // The system of record (docs/decisions/0028-system-of-record.md). kind: screening | decision.
    // outcome: written | duplicate (a redelivery: already in the record) | skipped (not a valid event).
    historyRows: new Counter({
      name: 'sluice_history_rows_total',
      help: 'Screenings and decisions the history writer handled, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: r,
    }),
    historyWriteSeconds: new Histogram({
      name: 'sluice_history_write_seconds',
      help: 'Time to write one batch of history to the record',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: r,
    }),
    historyLagSeconds: new Gauge({
      name: 'sluice_history_lag_seconds',
      help: 'Age, when written, of the newest event the history writer wrote (bus time to record)',
      registers: r,
    }),
    historyPruned: new Counter({
      name: 'sluice_history_pruned_total',
      help: 'Screenings and decisions deleted by retention, by kind',
      labelNames: ['kind'],
      registers: r,
    }),
    storeRestores: new Counter({
      name: 'sluice_store_restores_total',
      help: 'Times Redis was found to have lost its data and settings were given back from the record',
      registers: r,
    }),
    recordUp: new Gauge({
      name: 'sluice_record_up',
      help: '1 when the system of record answered its last health check, else 0',
      registers: r,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
