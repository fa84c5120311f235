import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { problem } from '@sluice/contracts';
import { createLogger, createMetrics } from '@sluice/observability';
import { createHttpApp, finishHttpApp, requireJson } from './app';
import { createFastListener, expressRoute, type FastRoute } from './fast-path';
import { problemReply } from './reply';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One route (echoes its parameter and body, or refuses a body without `ok`), served both ways. */
function served(open = true, markExpress = false) {
  const log = createLogger({ service: 't', level: 'silent' });
  const metrics = createMetrics({ service: 't', defaults: false });
  const calls: string[] = [];
  const route: FastRoute = {
    method: 'POST',
    path: '/v1/things/:name/echo',
    async handle(req) {
      calls.push(req.params[0]!);
      const body = req.body as { ok?: boolean; boom?: boolean };
      if (body.boom) throw new Error('secret internals');
      if ((body as { cyclic?: boolean }).cyclic) {
        const loop: Record<string, unknown> = {};
        loop.self = loop;
        return { status: 202, body: loop };
      }
      if (!body.ok) return problemReply(problem(422, 'Not ok', 'Say ok.'));
      return {
        status: 202,
        body: { name: req.params[0], body, key: req.header('idempotency-key') ?? null },
        headers: { Location: '/there' },
      };
    },
  };
  const app = createHttpApp({ service: 't', metrics, log, readiness: [] });
  if (markExpress) app.use((_req, res, next) => void (res.setHeader('x-answered-by', 'express'), next()));
  app.post(route.path, requireJson, expressRoute(route));
  finishHttpApp(app, log);
  const fast = createFastListener(app, { service: 't', metrics, log, routes: [route], open: () => open });
  return { app, fast, calls, metrics };
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function urlOf(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(
  base: string,
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
  chunked = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(
      `${base}${path}`,
      { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(buf.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    if (chunked) {
      req.write(buf.subarray(0, 3));
      req.end(buf.subarray(3));
    } else req.end(buf);
  });
}

/** What must be the same whichever stack answered: status, body, and every header but the date. */
const comparable = (a: Answer) => {
  const { date: _date, connection: _c, 'keep-alive': _k, ...headers } = a.headers;
  return { status: a.status, headers, body: a.body };
};

const JSON_TYPE = { 'content-type': 'application/json' };
const CASES: [string, string, Buffer | string, Record<string, string>, boolean?][] = [
  ['a good body', '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE],
  [
    'a good body with a key and charset',
    '/v1/things/abc/echo',
    '{"ok":true}',
    { 'content-type': 'Application/JSON; charset=utf-8', 'idempotency-key': 'k-1' },
  ],
  ['an escaped parameter', '/v1/things/a%20b/echo', '{"ok":true}', JSON_TYPE],
  ['a refused body', '/v1/things/abc/echo', '{"ok":false}', JSON_TYPE],
  ['an array', '/v1/things/abc/echo', '[1,2]', JSON_TYPE],
  ['malformed JSON', '/v1/things/abc/echo', '{"ok":', JSON_TYPE],
  ['a JSON string (not strict JSON)', '/v1/things/abc/echo', '"ok"', JSON_TYPE],
  ['JSON null', '/v1/things/abc/echo', 'null', JSON_TYPE],
  ['an empty body', '/v1/things/abc/echo', '', JSON_TYPE],
  ['a handler that throws', '/v1/things/abc/echo', '{"boom":true}', JSON_TYPE],
  ['an answer that cannot be serialised', '/v1/things/abc/echo', '{"cyclic":true}', JSON_TYPE],
  ['a body over the limit', '/v1/things/abc/echo', JSON.stringify({ ok: true, pad: 'x'.repeat(20_000) }), JSON_TYPE],
  ['text/plain', '/v1/things/abc/echo', '{"ok":true}', { 'content-type': 'text/plain' }],
  ['a gzip body', '/v1/things/abc/echo', gzipSync('{"ok":true}'), { ...JSON_TYPE, 'content-encoding': 'gzip' }],
  ['a chunked body', '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE, true],
  ['a query string', '/v1/things/abc/echo?x=1', '{"ok":true}', JSON_TYPE],
  ['a malformed escape', '/v1/things/%E0%A4%A/echo', '{"ok":true}', JSON_TYPE],
  ['another path', '/v1/things/abc/other', '{"ok":true}', JSON_TYPE],
];

describe('fast path', () => {
  it('happy: answers exactly as express does (status, headers, body) for every shape of request', async () => {
    const { app, fast } = served();
    const viaExpress = await urlOf(app);
    const viaFast = await urlOf(fast);
    for (const [name, path, body, headers, chunked] of CASES) {
      const e = await send(viaExpress, path, body, headers, chunked);
      const f = await send(viaFast, path, body, headers, chunked);
      expect({ name, ...comparable(f) }).toEqual({ name, ...comparable(e) });
    }
    // The cases cover every answer: the 202, the handler's refusal, malformed JSON, the 500, 404, 413 and 415.
    const statuses = new Set<number>();
    for (const [, path, body, headers, chunked] of CASES)
      statuses.add((await send(viaFast, path, body, headers, chunked)).status);
    expect([...statuses].sort()).toEqual([202, 400, 404, 413, 415, 422, 500]);
  });

  it("happy: security headers are helmet's own, and a 500 says nothing of the error", async () => {
    const { fast } = served();
    const base = await urlOf(fast);
    const ok = await send(base, '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE);
    expect(ok.status).toBe(202);
    expect(ok.headers['content-security-policy']).toContain("default-src 'self'");
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    // Plain HTTP here: no HSTS; one frame protection (the CSP's frame-ancestors), not X-Frame-Options too.
    expect(ok.headers['strict-transport-security']).toBeUndefined();
    expect(ok.headers['x-frame-options']).toBeUndefined();
    expect(ok.headers['content-security-policy']).toContain('frame-ancestors');
    expect(ok.headers.location).toBe('/there');
    const boom = await send(base, '/v1/things/abc/echo', '{"boom":true}', JSON_TYPE);
    expect(boom.status).toBe(500);
    expect(boom.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(boom.body).not.toContain('secret');
  });

  it('happy: the route is counted in the RED metrics under its pattern, never its raw path', async () => {
    const { fast, metrics } = served();
    const base = await urlOf(fast);
    await send(base, '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE);
    await send(base, '/v1/things/xyz/echo', '{"ok":false}', JSON_TYPE);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'sluice_http_requests_total{service="t",method="POST",route="/v1/things/:name/echo",status="202"} 1',
    );
    expect(text).toContain(
      'sluice_http_requests_total{service="t",method="POST",route="/v1/things/:name/echo",status="422"} 1',
    );
    expect(text).not.toMatch(/route="\/v1\/things\/(abc|xyz)/);
  });

  it('happy: while closed (starting), every request goes to express', async () => {
    const closed = served(false, true);
    const r = await send(await urlOf(closed.fast), '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE);
    expect([r.status, r.headers['x-answered-by']]).toEqual([202, 'express']);
    const open = served(true, true);
    const f = await send(await urlOf(open.fast), '/v1/things/abc/echo', '{"ok":true}', JSON_TYPE);
    expect([f.status, f.headers['x-answered-by']]).toEqual([202, undefined]);
    expect([closed.calls, open.calls]).toEqual([['abc'], ['abc']]); // each answered once
  });

  it('security: behind TLS both stacks send HSTS, the same', async () => {
    const metrics = createMetrics({ service: 't', defaults: false });
    const log = createLogger({ service: 't', level: 'silent' });
    const app = createHttpApp({ service: 't', metrics, log, readiness: [], tls: true });
    const route: FastRoute = { method: 'POST', path: '/v1/tls', handle: async () => ({ status: 202, body: {} }) };
    app.post(route.path, requireJson, expressRoute(route));
    finishHttpApp(app, log);
    const fast = createFastListener(app, { service: 't', metrics, log, routes: [route], open: () => true, tls: true });
    const [e, f] = [
      await send(await urlOf(app), '/v1/tls', '{}', JSON_TYPE),
      await send(await urlOf(fast), '/v1/tls', '{"a":1}', JSON_TYPE),
    ];
    expect(e.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(f.headers['strict-transport-security']).toBe(e.headers['strict-transport-security']);
  });
});
