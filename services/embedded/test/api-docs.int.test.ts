import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import request from 'supertest';
import { loadEnv } from '@sluice/config';
import { ALL_TOPICS, TOPICS, deadLetterTopic } from '@sluice/contracts';
import type { ConsumedMessage, Subscription } from '@sluice/event-bus';
import { startSluice, type Sluice } from '../src';
import { openBrowser } from './browser';

interface AsyncApiDoc {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, { payload: { $ref: string } }>; schemas: Record<string, object> };
}

const waitFor = async (ok: () => boolean, what: string) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the published event contract and the API reference', () => {
  let sluice: Sluice;
  let sub: Subscription;
  const seen: ConsumedMessage[] = [];

  beforeAll(async () => {
    sluice = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z' }), {
      tickMs: 0,
    });
    sub = await sluice.adapters.bus.subscribe({
      groupId: 'asyncapi-test',
      topics: [...ALL_TOPICS],
      handleBatch: async (ms) => void seen.push(...ms),
    });
  });
  afterAll(async () => {
    await sub.stop();
    await sluice.stop();
  });

  it('happy: GET /asyncapi.json is AsyncAPI 3 that @asyncapi/parser finds no error or warning in, with a channel for every topic and dead-letter topic', async () => {
    const res = await request(sluice.server)
      .get('/asyncapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    const doc = res.body as AsyncApiDoc;
    expect(doc.asyncapi).toBe('3.0.0');
    const { document, diagnostics } = await new Parser().parse(res.text);
    // Severity 0 is an error, 1 a warning: the document must have neither.
    expect(
      diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`),
    ).toEqual([]);
    expect(document).toBeDefined();
    expect(
      Object.values(doc.channels)
        .map((c) => c.address)
        .sort(),
    ).toEqual([...ALL_TOPICS].sort());
    expect(
      document!
        .operations()
        .all()
        .map((o) => o.action()),
    ).toEqual(expect.arrayContaining(['send', 'receive']));
  }, 60_000);

  it("happy: every event Sluice really publishes, dead letters included, matches its channel's payload schema", async () => {
    const doc = (await request(sluice.server).get('/asyncapi.json')).body as AsyncApiDoc;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/).addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const schemaOf = (topic: string) => {
      if (compiled.has(topic)) return compiled.get(topic)!;
      const channel = Object.values(doc.channels).find((c) => c.address === topic)!;
      const ref = Object.values(channel.messages)[0]!.$ref.split('/').pop()!;
      const name = doc.components.messages[ref]!.payload.$ref.split('/').pop()!;
      compiled.set(topic, ajv.compile(doc.components.schemas[name]!));
      return compiled.get(topic)!;
    };

    const op = { Authorization: `Bearer ${sluice.operatorKey}` };
    await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(op).send({}).expect(200);
    const post = (description: string) =>
      request(sluice.server)
        .post('/v1/practices/A81001/requests')
        .set(op)
        .send({ kind: 'clinical', description, contact: { sms: '07700900123' } })
        .expect(202);
    await post('Rash on my arm for two weeks');
    await post('crushing chest pain going down my left arm');
    const junk = '{"not":"a request"}';
    await sluice.adapters.bus.publish(TOPICS.requested, [{ key: 'A81001', value: junk }]);
    const topics = [
      TOPICS.requested,
      TOPICS.decided,
      TOPICS.levelChanged,
      TOPICS.notificationSent,
      deadLetterTopic(TOPICS.requested),
    ];
    await waitFor(() => topics.every((t) => seen.some((m) => m.topic === t)), topics.join(', '));

    for (const m of seen.filter((m) => m.value !== junk)) {
      const validate = schemaOf(m.topic);
      const event = JSON.parse(m.value) as object;
      if (!validate(event)) throw new Error(`${m.topic}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(new Set(seen.map((m) => m.topic))).toEqual(new Set(topics));
  }, 60_000);

  it('happy: /docs is an API reference from this server alone, that renders every operation in real Chromium', async () => {
    const page = await request(sluice.server)
      .get('/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page.text).not.toMatch(/https?:\/\//);
    await request(sluice.server)
      .get('/docs/assets/swagger-ui-bundle.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await request(sluice.server).get('/docs/assets/index.html').expect(404);

    const browser = await openBrowser();
    try {
      const offSite: string[] = [];
      browser.page.on('request', (r) => {
        if (!r.url().startsWith(sluice.url) && !r.url().startsWith('data:')) offSite.push(r.url());
      });
      await browser.page.goto(`${sluice.url}/docs`);
      await browser.page
        .locator('.opblock-summary-path', { hasText: '/v1/practices/{ods}/requests' })
        .first()
        .waitFor({ timeout: 30_000 });
      const paths = await browser.page.locator('.opblock-summary-path').allTextContents();
      expect(paths.length).toBeGreaterThanOrEqual(5);
      // The bearer scheme is offered for "Try it out" (off until chosen: it sends real requests).
      await browser.page.locator('button.authorize').first().waitFor();
      expect(browser.problems).toEqual([]);
      expect(offSite).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
