import request from 'supertest';
import { createLogger, createMetrics } from '@sluice/observability';
import { createHttpApp, finishHttpApp, requireJson } from './app';
import { HttpProblem } from './problem';

function app(ready = true) {
  const log = createLogger({ service: 't', level: 'silent' });
  const metrics = createMetrics({ service: 't', defaults: false });
  const a = createHttpApp({ service: 't', metrics, log, readiness: [{ name: 'dep', check: async () => ready }] });
  a.post('/echo', requireJson, (req, res) => void res.json(req.body));
  a.get('/boom', () => {
    throw new Error('secret internals');
  });
  // As serve-static and express raise them: an error carrying an HTTP status.
  a.get('/missing-file', (_req, _res, next) =>
    next(Object.assign(new Error('ENOENT /srv/secret/path'), { status: 404 })),
  );
  a.get('/range', (_req, _res, next) => next(Object.assign(new Error('range'), { status: 416 })));
  a.get('/teapot', () => {
    throw new HttpProblem(418, 'Teapot', 'short and stout');
  });
  finishHttpApp(a, log);
  return a;
}

describe('http-kit', () => {
  it('happy: health, readiness and metrics', async () => {
    await request(app()).get('/healthz').expect(200);
    await request(app()).get('/readyz').expect(200);
    const r = await request(app(false)).get('/readyz').expect(503);
    expect(r.body.checks).toEqual({ dep: false });
    const m = await request(app()).get('/metrics').expect(200);
    expect(m.text).toContain('sluice_http_requests_total');
  });

  it('happy: each scrape of /metrics exports every readiness check as sluice_ready{check}, 1 or 0', async () => {
    const log = createLogger({ service: 't', level: 'silent' });
    const metrics = createMetrics({ service: 't', defaults: false });
    let storeUp = true;
    const a = createHttpApp({
      service: 't',
      metrics,
      log,
      readiness: [
        { name: 'bus', check: async () => true },
        { name: 'store', check: async () => storeUp },
      ],
    });
    expect((await request(a).get('/metrics').expect(200)).text).toMatch(/^sluice_ready\{check="store"\} 1$/m);
    storeUp = false;
    const m = (await request(a).get('/metrics').expect(200)).text;
    expect(m).toMatch(/^sluice_ready\{check="store"\} 0$/m);
    expect(m).toMatch(/^sluice_ready\{check="bus"\} 1$/m);
  });

  it('error: a readiness check that hangs counts as not ready instead of hanging the probe', async () => {
    const log = createLogger({ service: 't', level: 'silent' });
    const metrics = createMetrics({ service: 't', defaults: false });
    const a = createHttpApp({
      service: 't',
      metrics,
      log,
      readinessTimeoutMs: 100,
      readiness: [
        { name: 'stuck', check: () => new Promise<boolean>(() => undefined) },
        { name: 'ok', check: async () => true },
      ],
    });
    const t0 = Date.now();
    const r = await request(a).get('/readyz').expect(503);
    expect(r.body.checks).toEqual({ stuck: false, ok: true });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it.each([
    ['malformed JSON', '{"a":', 'application/json', 400],
    ['wrong content type', 'a=1', 'application/x-www-form-urlencoded', 415],
    ['huge body', JSON.stringify({ a: 'x'.repeat(64 * 1024) }), 'application/json', 413],
  ])('error: %s gets a problem+json %p', async (_what, body, type, status) => {
    const r = await request(app()).post('/echo').set('content-type', type).send(body);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(r.text).status).toBe(status);
  });

  it('error: unknown routes are a 404 problem; thrown errors never leak their message', async () => {
    await request(app())
      .get('/nope')
      .expect(404)
      .expect('content-type', /problem\+json/);
    const r = await request(app()).get('/boom').expect(500);
    expect(r.text).not.toContain('secret internals');
    const t = await request(app()).get('/teapot').expect(418);
    expect(JSON.parse(t.text).detail).toBe('short and stout');
  });

  it('error: a 4xx raised by middleware is titled for its status, and never quotes the error', async () => {
    const missing = await request(app())
      .get('/missing-file')
      .expect(404)
      .expect('content-type', /problem\+json/);
    expect(JSON.parse(missing.text)).toMatchObject({
      title: 'Not found',
      status: 404,
      detail: 'Nothing is at GET /missing-file.',
    });
    expect(missing.text).not.toContain('/srv/secret');
    const range = await request(app()).get('/range').expect(416);
    expect(JSON.parse(range.text)).toMatchObject({ title: 'Range not satisfiable', status: 416 });
  });
});
