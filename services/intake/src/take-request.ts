import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ADVICE_MAX,
  CreateRequestBody,
  OdsCode,
  problem,
  TOPICS,
  contactHash,
  screeningOutcomeOf,
  zodProblem,
  type ConsultationRequestedV1,
  type CreateRequest,
  type CreateRequestResponse,
  type RequestStatusDoc,
} from '@sluice/contracts';
import { problemReply, type FastRoute, type HttpReply } from '@sluice/http-kit';
import { canPostFor, type IntakePrincipal } from './clients';
import type { ScreenResult } from './screen';
import type { IntakeDeps } from './deps';

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const IdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** What a patient is told when Sluice cannot take the request safely. */
const UNAVAILABLE_ADVICE =
  'We could not send your request to your GP practice just now. Please try again in a few minutes, or call your practice. ' +
  'If you need help urgently, use NHS 111 online or call 111. In an emergency, call 999.';

const RECEIVED_TEXT = 'Your request has reached your GP practice. We will tell you today what happens next.';

/** A concern's received text, and what it is told when Sluice cannot take it: it must not wait. */
const CONCERN_RECEIVED =
  'Your request has reached your GP practice. Your answers mean a doctor or nurse should check it soon. We will tell you what happens next.';
const CONCERN_UNAVAILABLE =
  'We could not send your request to your GP practice just now. Your answers mean a doctor or nurse should check it soon. ' +
  'Call your practice now, or call 111 if it is closed.';
/** When to call 999 for a concern whose rule gave no usable advice (the domain's reasons say the same). */
const CONCERN_999 = 'Call 999 now if you get a lot worse, or if you think your life is in danger.';

/**
 * A concern's advice on when to call 999: the rule's fixed text, if it fits the contract (ADVICE_MAX).
 * A longer one is not carried (the practice's wording says when to call 999 instead), so no event is
 * ever refused for it; intake logs the rule id so the rules file can be fixed.
 */
export function adviceOf(s: ScreenResult): string | undefined {
  if (s.outcome !== 'concern') return undefined;
  const text = s.reasonText.trim();
  return text.length > 0 && text.length <= ADVICE_MAX ? text : undefined;
}

/**
 * consultation.requested.v1 from a validated body. Built field by field rather than parsed again with
 * the event's schema: every field comes from the body's schema or from intake itself, the type checker
 * holds the shape, and a property test checks every body the body schema takes makes an event the
 * event schema takes (take-request.test.ts). Consumers still validate what they read.
 */
export function requestedEvent(
  input: CreateRequest,
  o: { id: string; practice: string; receivedAt: string; screening: ScreenResult; contactHash?: string },
): ConsultationRequestedV1 {
  const s = o.screening;
  const event: ConsultationRequestedV1 = {
    type: 'consultation.requested',
    version: 1,
    id: o.id,
    practice: o.practice,
    receivedAt: o.receivedAt,
    kind: input.kind,
    urgency: input.urgency,
    description: input.description,
    contact: input.contact,
    screening:
      s.outcome === 'emergency'
        ? {
            outcome: 'emergency-signposted',
            ruleId: s.ruleId,
            rulesVersion: s.rulesVersion,
            destination: s.destination,
          }
        : s.outcome === 'concern'
          ? {
              outcome: 'concern',
              ruleId: s.ruleId,
              rulesVersion: s.rulesVersion,
              ...(adviceOf(s) ? { advice: adviceOf(s)! } : {}),
            }
          : { outcome: 'clear', rulesVersion: s.rulesVersion },
  };
  if (input.redFlags) event.redFlags = input.redFlags;
  if (input.patient) {
    // The NHS number only identifies the patient for fair use (in the hash): it never travels on.
    const { nhsNumber: _nhs, ...patient } = input.patient;
    if (Object.keys(patient).length) event.patient = patient;
  }
  if (o.contactHash) event.contactHash = o.contactHash;
  if (input.source) event.source = input.source;
  return event;
}

/** Names a parameter or header in the problem's field paths. */
function prefixed(error: z.ZodError, name: string): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
}

/**
 * Longest a key, practice or limit check may take: the store behind them can hang (Redis stopped, not
 * gone), and a patient's request must then be answered, not held.
 */
const ACCESS_TIMEOUT_MS = 1000;

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Keys or practices cannot be checked just now: 503 with the advice, never a 500 or a request let through unchecked. */
function accessUnavailable(deps: IntakeDeps, e: unknown): HttpReply {
  deps.log.error({ err: (e as Error).message }, 'client keys or practices unreadable; answered 503');
  return problemReply(problem(503, 'Service unavailable', UNAVAILABLE_ADVICE), { 'Retry-After': '5' });
}

/** The 429 for a request beyond its practice's or its client's limit, or null to go on. */
async function takeLimits(deps: IntakeDeps, practice: string, principal: IntakePrincipal): Promise<HttpReply | null> {
  let result;
  try {
    const own = await within(ACCESS_TIMEOUT_MS, deps.clients.practiceRateLimit(practice));
    const client =
      principal.role === 'client'
        ? { id: principal.clientId, limit: principal.rateLimitPerMinute ?? deps.rateLimits.clientPerMinute }
        : undefined;
    result = await within(
      ACCESS_TIMEOUT_MS,
      deps.limiter.take({
        practice,
        practiceLimit: own ?? deps.rateLimits.practicePerMinute,
        ...(client ? { client } : {}),
      }),
    );
  } catch (e) {
    // Fail open: a patient's request matters more than the limit, and the store that failed here holds
    // the capacity the request will be decided against, so it waits there rather than being lost.
    deps.metrics.rateLimitErrors.inc();
    deps.log.warn({ practice, err: (e as Error).message }, 'rate limit unavailable; request taken');
    return null;
  }
  if (result.allowed) return null;
  deps.metrics.practiceRateLimited.inc({ practice, scope: result.scope });
  deps.log.warn(
    { practice, scope: result.scope, ...(principal.role === 'client' ? { clientId: principal.clientId } : {}) },
    'rate limited',
  );
  const detail =
    result.scope === 'client'
      ? 'This client has sent more requests than its limit allows. Try again after the time in Retry-After.'
      : 'This practice has received more requests than its limit allows. Try again after the time in Retry-After.';
  return problemReply(problem(429, 'Too many requests', detail), { 'Retry-After': String(result.retryAfterSeconds) });
}

/**
 * POST /v1/practices/{ods}/requests, independent of the HTTP stack: validate, screen, publish, and
 * answer 202 only once the bus has durably taken the request (never an answer for something then lost).
 */
export function takeRequestRoute(deps: IntakeDeps): FastRoute {
  const received = deps.metrics.requestsReceived;
  return {
    method: 'POST',
    path: '/v1/practices/:ods/requests',
    async handle(req): Promise<HttpReply> {
      const refused = deps.metrics.intakeRefusals;
      let principal;
      try {
        principal = await within(ACCESS_TIMEOUT_MS, deps.clients.authenticate(req.header('authorization')));
      } catch (e) {
        return accessUnavailable(deps, e);
      }
      if (!principal) {
        refused.inc({ reason: 'unauthenticated' });
        return problemReply(problem(401, 'Unauthorised', 'Send your client key as Authorization: Bearer <key>.'), {
          'WWW-Authenticate': 'Bearer realm="sluice"',
        });
      }
      const ods = OdsCode.safeParse(req.params[0]);
      if (!ods.success) return problemReply(zodProblem(prefixed(ods.error, 'ods'), 'The practice code is not valid'));
      const practice = ods.data;
      if (!canPostFor(principal, practice)) {
        refused.inc({ reason: 'forbidden' });
        return problemReply(problem(403, 'Forbidden', 'This key does not reach that practice.'));
      }
      // Nothing is created for a practice the operator never set up: no state, no metric series.
      let known;
      try {
        known = await within(ACCESS_TIMEOUT_MS, deps.clients.isKnownPractice(practice));
      } catch (e) {
        return accessUnavailable(deps, e);
      }
      if (!known) {
        refused.inc({ reason: 'unknown-practice' });
        return problemReply(problem(404, 'Practice not found', `Sluice does not serve practice ${practice}.`));
      }
      const limited = await takeLimits(deps, practice, principal);
      if (limited) return limited;
      const body = CreateRequestBody.safeParse(req.body);
      if (!body.success) return problemReply(zodProblem(body.error));

      const keyHeader = req.header('idempotency-key');
      let key: string | undefined;
      // Only a keyed request needs its body's fingerprint (to refuse the key's reuse for another body).
      const fingerprint =
        keyHeader === undefined ? '' : createHash('sha256').update(JSON.stringify(body.data)).digest('hex');
      if (keyHeader !== undefined) {
        const k = IdempotencyKey.safeParse(keyHeader);
        if (!k.success)
          return problemReply(
            zodProblem(prefixed(k.error, 'Idempotency-Key'), 'The Idempotency-Key header is not valid'),
          );
        key = k.data;
        let claim;
        try {
          claim = await deps.ledger.claimIdempotencyKey(practice, key, IDEMPOTENCY_TTL_SECONDS);
        } catch (e) {
          deps.log.error({ practice, err: (e as Error).message }, 'idempotency store unreachable');
          return problemReply(problem(503, 'Service unavailable', UNAVAILABLE_ADVICE));
        }
        if (claim.state === 'in-flight') {
          return problemReply(
            problem(
              409,
              'Request in progress',
              'A request with this Idempotency-Key is still being taken. Retry shortly.',
            ),
          );
        }
        if (claim.state === 'done') {
          if (claim.response.fingerprint !== fingerprint) {
            return problemReply(
              problem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for a different request.'),
            );
          }
          return {
            status: claim.response.status,
            body: claim.response.body,
            headers: { 'Idempotent-Replayed': 'true' },
          };
        }
      }

      const id = randomUUID();
      const receivedAt = deps.clock.now().toISOString();
      const input = body.data;
      const screening = deps.screen({
        description: input.description,
        ...(input.redFlags ? { redFlags: input.redFlags } : {}),
        ...(input.patient?.ageYears !== undefined ? { ageYears: input.patient.ageYears } : {}),
      });
      const emergency = screening.outcome === 'emergency' ? screening : null;
      const concern = screening.outcome === 'concern';
      const advice = adviceOf(screening);
      if (concern && !advice)
        deps.log.warn(
          { practice, ruleId: screening.ruleId },
          'concern rule text missing or over ADVICE_MAX; the practice wording is used',
        );
      const event = requestedEvent(input, {
        id,
        practice,
        receivedAt,
        screening,
        ...(deps.contactHashSalt
          ? { contactHash: contactHash(input.contact, deps.contactHashSalt, input.patient?.nhsNumber) }
          : {}),
      });

      const statusUrl = `${deps.publicUrl}/v1/requests/${id}`;
      try {
        await deps.bus.publish(TOPICS.requested, [
          { key: practice, value: JSON.stringify(event), headers: { 'request-id': id } },
        ]);
      } catch (e) {
        deps.metrics.publishFailures.inc();
        deps.log.error({ requestId: id, practice, err: (e as Error).message }, 'publish failed; answered 503');
        if (key) await deps.ledger.releaseIdempotencyKey(practice, key).catch(() => undefined);
        // An emergency is still told what to do now, and a concern not to wait: the advice needs no bus.
        if (emergency)
          return problemReply(
            problem(503, 'Service unavailable', emergency.reasonText, {
              destination: emergency.destination,
              advice: emergency.reasonText,
              screening: 'emergency',
            }),
          );
        if (concern)
          return problemReply(
            problem(503, 'Service unavailable', `${CONCERN_UNAVAILABLE} ${advice ?? CONCERN_999}`, {
              advice: advice ?? CONCERN_999,
              screening: 'concern',
            }),
          );
        return problemReply(problem(503, 'Service unavailable', UNAVAILABLE_ADVICE));
      }

      const wire = screeningOutcomeOf(event.screening);
      const ruleId = screening.outcome === 'clear' ? undefined : screening.ruleId;
      received.inc({ kind: input.kind, urgency: input.urgency, screening: event.screening.outcome });
      deps.metrics.screenings.inc({ outcome: wire, rule: ruleId ?? 'none' });
      if (emergency) deps.metrics.redFlags.inc({ destination: emergency.destination });
      deps.log.info(
        {
          requestId: id,
          practice,
          kind: input.kind,
          urgency: input.urgency,
          screening: event.screening.outcome,
          ruleId,
        },
        'request taken',
      );

      const response: CreateRequestResponse = emergency
        ? {
            id,
            status: 'redirected',
            statusUrl,
            destination: emergency.destination,
            reason: { code: 'redirected-emergency', text: emergency.reasonText },
            screening: wire,
          }
        : { id, status: 'received', statusUrl, screening: wire, ...(advice ? { advice } : {}) };
      const doc: RequestStatusDoc = {
        id,
        practice,
        status: response.status,
        reason: response.reason ?? { code: 'received', text: concern ? CONCERN_RECEIVED : RECEIVED_TEXT },
        ...(response.destination ? { destination: response.destination } : {}),
        screening: wire,
        ...(advice ? { advice } : {}),
        updatedAt: receivedAt,
      };
      await deps.ledger.putStatus({ doc, sequence: 0 }, deps.retentionSeconds).catch((e) => {
        deps.log.warn(
          { requestId: id, practice, err: (e as Error).message },
          'status not recorded; it will appear with the decision',
        );
      });
      if (key) {
        await deps.ledger
          .completeIdempotencyKey(practice, key, { status: 202, body: response, fingerprint }, IDEMPOTENCY_TTL_SECONDS)
          .catch(() => undefined);
      }
      return { status: 202, body: response, headers: { Location: statusUrl } };
    },
  };
}
