import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * A local stand-in for the parts of GOV.UK Notify's API the official client calls (these machines
 * cannot reach the internet): POST /v2/notifications/sms and /email, GET /v2/notifications. It checks
 * the client's JWT as Notify does (HS256 with the key's secret part, `iss` = service id, `iat` within
 * 30 s), renders the template with the personalisation (refusing a missing field, as Notify does),
 * answers in Notify's shapes, records every call, and fails on demand with Notify's documented errors.
 */
export type Fault =
  | 500
  | 400
  | 403
  | 'rate-limit' // 429 RateLimitError
  | 'daily-limit' // 429 TooManyRequestsError
  /** Keeps the notification, then answers only after `ms` (a client that gave up, or died, does not hear). */
  | { acceptThenDelayMs: number };

export interface Call {
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export interface StoredNotification {
  id: string;
  type: 'sms' | 'email';
  reference?: string;
  template_id: string;
  phone_number?: string;
  email_address?: string;
  personalisation: Record<string, string>;
  body: string;
  subject?: string;
  created_at: string;
}

const ERRORS: Record<string, { status: number; error: string; message: string }> = {
  '500': { status: 500, error: 'Exception', message: 'Internal server error' },
  '400': { status: 400, error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" },
  '403': { status: 403, error: 'AuthError', message: 'Invalid token: API key not found' },
  'rate-limit': {
    status: 429,
    error: 'RateLimitError',
    message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
  },
  'daily-limit': {
    status: 429,
    error: 'TooManyRequestsError',
    message: 'Exceeded send limits (sms: 250000) for today',
  },
};

export interface NotifyStandIn {
  url: string;
  apiKey: string;
  serviceId: string;
  calls: Call[];
  notifications: StoredNotification[];
  /** Faults for the next sends, in order (GET is never faulted). */
  faults: Fault[];
  /** A fault for every send until cleared. */
  always: Fault | null;
  /** Every send is kept at once but answered only after this long (a notifier killed meanwhile never hears). */
  latencyMs: number;
  sends(): Call[];
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');

function checkToken(auth: string | undefined, serviceId: string, secret: string): string | null {
  const token = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
  if (!token) return 'Unauthorized, authentication token must be provided';
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return 'Invalid token: not a JWT';
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (header.alg !== 'HS256') return 'Invalid token: algorithm';
  const want = Buffer.from(b64url(createHmac('sha256', secret).update(`${h}.${p}`).digest()));
  const got = Buffer.from(s);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'Invalid token: signature, api token not found';
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: string; iat?: number };
  if (claims.iss !== serviceId) return 'Invalid token: service not found';
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30)
    return 'Error: Your system clock must be accurate to within 30 seconds';
  return null;
}

export async function startNotifyStandIn(
  templates: Record<string, { type: 'sms' | 'email'; body: string; subject?: string }>,
): Promise<NotifyStandIn> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const app = express();
  app.use(express.json());
  const state = {
    calls: [] as Call[],
    notifications: [] as StoredNotification[],
    faults: [] as Fault[],
    always: null as Fault | null,
    latencyMs: 0,
  };

  const error = (res: express.Response, status: number, name: string, message: string) =>
    res.status(status).json({ status_code: status, errors: [{ error: name, message }] });

  app.use((req, res, next) => {
    const problem = checkToken(req.headers.authorization, serviceId, secret);
    if (!problem) return next();
    state.calls.push({ method: req.method, path: req.path, body: req.body ?? {}, status: 403, at: Date.now() });
    error(res, 403, 'AuthError', problem);
  });

  const send = (type: 'sms' | 'email') => async (req: express.Request, res: express.Response) => {
    const body = req.body as Record<string, unknown>;
    const call: Call = { method: 'POST', path: req.path, body, status: 0, at: Date.now() };
    state.calls.push(call);
    const fault = state.faults.shift() ?? state.always;
    if (fault !== null && fault !== undefined && typeof fault !== 'object') {
      const e = ERRORS[String(fault)]!;
      call.status = e.status;
      return error(res, e.status, e.error, e.message);
    }
    const template = templates[String(body.template_id)];
    if (!template || template.type !== type) {
      call.status = 400;
      return error(res, 400, 'BadRequestError', 'Template not found');
    }
    const personalisation = (body.personalisation ?? {}) as Record<string, string>;
    const missing = [...template.body.matchAll(/\(\(([a-z0-9_]+)\)\)/g)]
      .map((m) => m[1]!)
      .filter((f) => personalisation[f] === undefined);
    if (missing.length) {
      call.status = 400;
      return error(res, 400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
    }
    const fill = (t: string) => t.replace(/\(\(([a-z0-9_]+)\)\)/g, (_, f: string) => personalisation[f]!);
    const n: StoredNotification = {
      id: randomUUID(),
      type,
      template_id: String(body.template_id),
      personalisation,
      body: fill(template.body),
      created_at: new Date().toISOString(),
      ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
      ...(type === 'sms'
        ? { phone_number: String(body.phone_number) }
        : { email_address: String(body.email_address), subject: fill(template.subject ?? '') }),
    };
    state.notifications.push(n);
    const delay = (fault && typeof fault === 'object' ? fault.acceptThenDelayMs : 0) + state.latencyMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    call.status = 201;
    res.status(201).json({
      id: n.id,
      reference: n.reference ?? null,
      content:
        type === 'sms'
          ? { body: n.body, from_number: 'GOVUK' }
          : { body: n.body, subject: n.subject, from_email: 'practice@notifications.service.gov.uk' },
      uri: `/v2/notifications/${n.id}`,
      template: { id: n.template_id, version: 1, uri: `/v2/template/${n.template_id}` },
    });
  };
  app.post('/v2/notifications/sms', send('sms'));
  app.post('/v2/notifications/email', send('email'));
  app.get('/v2/notifications', (req, res) => {
    state.calls.push({ method: 'GET', path: req.path, body: { ...req.query }, status: 200, at: Date.now() });
    const q = req.query as Record<string, string | undefined>;
    const found = state.notifications.filter(
      (n) => (!q.template_type || n.type === q.template_type) && (!q.reference || n.reference === q.reference),
    );
    res.json({ notifications: found.map((n) => ({ ...n, status: 'delivered' })), links: { current: req.originalUrl } });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey: `sluice_test-${serviceId}-${secret}`,
    serviceId,
    get calls() {
      return state.calls;
    },
    get notifications() {
      return state.notifications;
    },
    get faults() {
      return state.faults;
    },
    set faults(f: Fault[]) {
      state.faults = f;
    },
    get always() {
      return state.always;
    },
    set always(f: Fault | null) {
      state.always = f;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    sends: () => state.calls.filter((c) => c.method === 'POST'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
