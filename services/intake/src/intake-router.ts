import { createHash, randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  ConsultationRequestedV1,
  CreateRequestBody,
  OdsCode,
  problem,
  TOPICS,
  contactHash,
  type CreateRequestResponse,
  type RequestStatusDoc,
} from '@sluice/contracts';
import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import type { Logger, Metrics } from '@sluice/observability';
import type { RequestLedger } from '@sluice/request-ledger';
import type { Screen } from './screen';

export interface IntakeDeps {
  bus: EventBus;
  ledger: RequestLedger;
  clock: Clock;
  screen: Screen;
  metrics: Metrics;
  log: Logger;
  /** Base URL for status links. */
  publicUrl: string;
  /** Salt for the fair-use contact hash; without it no hash is sent. */
  contactHashSalt?: string;
  /** Live waiting-list position, when the capacity store is reachable from here. */
  livePosition?: (practice: string, id: string) => Promise<number | null>;
  retentionSeconds: number;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const IdempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** What a patient is told when Sluice cannot take the request safely. */
const UNAVAILABLE_ADVICE =
  'We could not send your request to your GP practice just now. Please try again in a few minutes, or call your practice. ' +
  'If you need help urgently, use NHS 111 online or call 111. In an emergency, call 999.';

/** What a patient is told when their request's status cannot be read just now. */
const STATUS_UNAVAILABLE =
  'We cannot show the status of your request just now. It has reached us and will be decided: please check again in a few minutes. ' +
  'If you need help urgently, use NHS 111 online or call 111. In an emergency, call 999.';

export function createIntakeRouter(deps: IntakeDeps): Router {
  const router = Router();

  router.post('/v1/practices/:ods/requests', requireJson, async (req: Request, res: Response) => {
    const ods = OdsCode.safeParse(req.params.ods);
    if (!ods.success) return sendValidationProblem(res, prefix(ods.error, 'ods'), 'The practice code is not valid');
    const body = CreateRequestBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);

    const practice = ods.data;
    const keyHeader = req.get('idempotency-key');
    let key: string | undefined;
    // Only a keyed request needs its body's fingerprint (to refuse the key's reuse for another body).
    const fingerprint = keyHeader === undefined ? '' : createHash('sha256').update(JSON.stringify(body.data)).digest('hex');
    if (keyHeader !== undefined) {
      const k = IdempotencyKey.safeParse(keyHeader);
      if (!k.success) return sendValidationProblem(res, prefix(k.error, 'Idempotency-Key'), 'The Idempotency-Key header is not valid');
      key = k.data;
      let claim;
      try {
        claim = await deps.ledger.claimIdempotencyKey(practice, key, IDEMPOTENCY_TTL_SECONDS);
      } catch (e) {
        deps.log.error({ practice, err: (e as Error).message }, 'idempotency store unreachable');
        return sendProblem(res, problem(503, 'Service unavailable', UNAVAILABLE_ADVICE));
      }
      if (claim.state === 'in-flight') {
        return sendProblem(res, problem(409, 'Request in progress', 'A request with this Idempotency-Key is still being taken. Retry shortly.'));
      }
      if (claim.state === 'done') {
        if (claim.response.fingerprint !== fingerprint) {
          return sendProblem(res, problem(422, 'Idempotency-Key reused', 'This Idempotency-Key was used for a different request.'));
        }
        res.setHeader('Idempotent-Replayed', 'true');
        return void res.status(claim.response.status).json(claim.response.body);
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
    const event = ConsultationRequestedV1.parse({
      type: 'consultation.requested',
      version: 1,
      id,
      practice,
      receivedAt,
      kind: input.kind,
      urgency: input.urgency,
      description: input.description,
      contact: input.contact,
      ...(input.redFlags ? { redFlags: input.redFlags } : {}),
      ...(input.patient ? { patient: input.patient } : {}),
      ...(deps.contactHashSalt ? { contactHash: contactHash(input.contact, deps.contactHashSalt) } : {}),
      ...(input.source ? { source: input.source } : {}),
      screening: emergency
        ? { outcome: 'emergency-signposted', ruleId: emergency.ruleId, rulesVersion: emergency.rulesVersion, destination: emergency.destination }
        : { outcome: 'clear', rulesVersion: screening.rulesVersion },
    });

    const statusUrl = `${deps.publicUrl}/v1/requests/${id}`;
    try {
      // 202 only once the bus has durably taken the request: never an answer for something then lost.
      await deps.bus.publish(TOPICS.requested, [{ key: practice, value: JSON.stringify(event), headers: { 'request-id': id } }]);
    } catch (e) {
      deps.metrics.publishFailures.inc();
      deps.log.error({ requestId: id, practice, err: (e as Error).message }, 'publish failed; answered 503');
      if (key) await deps.ledger.releaseIdempotencyKey(practice, key).catch(() => undefined);
      // An emergency is still told what to do now: the advice needs no bus.
      return sendProblem(
        res,
        problem(503, 'Service unavailable', emergency ? emergency.reasonText : UNAVAILABLE_ADVICE, emergency ? { destination: emergency.destination, advice: emergency.reasonText } : {}),
      );
    }

    deps.metrics.requestsReceived.inc({ kind: input.kind, urgency: input.urgency, screening: event.screening.outcome });
    if (emergency) deps.metrics.redFlags.inc({ destination: emergency.destination });
    deps.log.info({ requestId: id, practice, kind: input.kind, urgency: input.urgency, screening: event.screening.outcome, ruleId: emergency?.ruleId }, 'request taken');

    const response: CreateRequestResponse = emergency
      ? { id, status: 'redirected', statusUrl, destination: emergency.destination, reason: { code: 'redirected-emergency', text: emergency.reasonText } }
      : { id, status: 'received', statusUrl };
    const doc: RequestStatusDoc = {
      id,
      practice,
      status: response.status,
      reason: response.reason ?? { code: 'received', text: 'Your request has reached your GP practice. We will tell you today what happens next.' },
      ...(response.destination ? { destination: response.destination } : {}),
      updatedAt: receivedAt,
    };
    await deps.ledger.putStatus({ doc, sequence: 0 }, deps.retentionSeconds).catch((e) => {
      deps.log.warn({ requestId: id, practice, err: (e as Error).message }, 'status not recorded; it will appear with the decision');
    });
    if (key) {
      await deps.ledger
        .completeIdempotencyKey(practice, key, { status: 202, body: response, fingerprint }, IDEMPOTENCY_TTL_SECONDS)
        .catch(() => undefined);
    }
    res.status(202).location(statusUrl).json(response);
  });

  const readStatus = createStatusReader(deps);
  router.get('/v1/requests/:id', async (req: Request, res: Response) => {
    let doc;
    try {
      doc = await readStatus(String(req.params.id));
    } catch (e) {
      // The read-model is away (Redis down): say so plainly rather than 500. The request itself is
      // safe on the bus and will be decided; only its status cannot be shown right now.
      deps.log.warn({ err: (e as Error).message }, 'status store unreachable; answered 503');
      res.setHeader('Retry-After', '5');
      return sendProblem(res, problem(503, 'Status unavailable', STATUS_UNAVAILABLE));
    }
    if (!doc) return sendProblem(res, problem(404, 'Request not found', 'No request has this id. Check the link you were sent.'));
    res.json(doc);
  });

  return router;
}

/**
 * A request's status as a patient may see it (no personal data): the read-model's document with the
 * live waiting-list position when the capacity store is reachable. Null for a malformed or unknown id.
 * The JSON route and the patient status page both read through this.
 */
export function createStatusReader(deps: Pick<IntakeDeps, 'ledger' | 'livePosition'>) {
  return async function readStatus(id: string | undefined): Promise<RequestStatusDoc | null> {
    const parsed = z.uuid().safeParse(id);
    if (!parsed.success) return null;
    const record = await deps.ledger.getStatus(parsed.data);
    if (!record) return null;
    const doc = { ...record.doc };
    if (doc.status === 'queued' && doc.queue && deps.livePosition) {
      const position = await deps.livePosition(doc.practice, doc.id).catch(() => null);
      if (position) doc.queue = { ...doc.queue, position };
    }
    return doc;
  };
}
export type StatusReader = ReturnType<typeof createStatusReader>;

/** Names a parameter or header in the problem's field paths. */
function prefix(error: z.ZodError, name: string): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
}
