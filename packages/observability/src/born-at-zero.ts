import type { Metrics } from './metrics';

/** Channel names the notifier can send on, and the closed sets of its counters' other labels. */
export const CHANNELS = ['notify', 'webhook', 'log'] as const;
export const NOTIFICATION_OUTCOMES = [
  'sent',
  'recovered',
  'duplicate',
  'held',
  'rejected',
  'failed',
  'suppressed',
] as const;
export const RETRY_CAUSES = ['server-error', 'rate-limited', 'timeout', 'network'] as const;
/** The permanent refusals counted as rejections (docs/notifier.md). */
export const REJECTION_STATUSES = ['400', '403'] as const;
export const LEVEL_NAMES = ['GREEN', 'AMBER', 'RED', 'BLACK'] as const;

export interface KnownLabels {
  /** Source topics this process dead-letters from (each consumer's topics). */
  deadLetterTopics?: readonly string[];
  /** Set for a process that sends patient messages. */
  channels?: readonly string[];
  /** Set for a process that computes safeguard levels. */
  levels?: boolean;
}

/**
 * Gives every labelled counter whose labels are known at start a series at 0, before anything
 * happens. A prom-client counter has no series until its first `inc`, so Prometheus first sees it at
 * 1: `increase()` reads 0 and the first dead letter or rejection never alerts; ratios read "No data".
 * Only the roles that can move a counter initialise it, so the others export no empty series.
 */
export function bornAtZero(metrics: Metrics, known: KnownLabels): void {
  for (const topic of known.deadLetterTopics ?? []) metrics.deadLetters.inc({ topic }, 0);
  for (const channel of known.channels ?? []) {
    for (const outcome of NOTIFICATION_OUTCOMES) metrics.notifications.inc({ channel, outcome }, 0);
    for (const cause of RETRY_CAUSES) metrics.notificationRetries.inc({ channel, cause }, 0);
    for (const status of REJECTION_STATUSES) metrics.notificationRejections.inc({ channel, status }, 0);
    metrics.notificationHolds.inc({ channel }, 0);
  }
  if (known.channels?.length) {
    metrics.rateLimitWaits.inc({ limiter: 'provider' }, 0);
    metrics.rateLimitWaitSeconds.inc({ limiter: 'provider' }, 0);
  }
  if (known.levels) for (const to of LEVEL_NAMES) metrics.levelChanges.inc({ to }, 0);
}
