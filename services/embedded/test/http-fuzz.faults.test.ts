// Bad input, fuzzed: every HTTP route of the embedded process (intake POST/GET, every admin route, the
// operational routes) gets arbitrary JSON shaped like the contracts and beyond it, malformed JSON,
// binary, bodies past the size limit, wrong and odd content types, unicode edge cases in bodies,
// headers and path parameters, with and without auth. The property: never a 5xx, and the process is
// still alive and answering /healthz afterwards. Raw node:http is used (not fetch), so paths and
// bodies reach the server exactly as generated.
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { startSluiceProcess, type SluiceProcess } from '@sluice/testkit';

jest.setTimeout(180_000);

const RUNS = 300; // per route family: ~3,500 requests in all, well under a minute
const OPERATOR = 'fuzz-operator-key-0123456789abcdef';

interface Answer {
  status: number;
  body: string;
}

function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Answer | null> {
  const u = new URL(base);
  return new Promise((resolve) => {
    let req;
    try {
      req = httpRequest({ host: u.hostname, port: u.port, method, path, headers, timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
      });
    } catch {
      return resolve(null); // node:http refused to send it (e.g. a control character in the path): not a server answer
    }
    req.on('error', () => resolve(null));
    req.on('timeout', () => {
      req.destroy();
      resolve({ status: -1, body: 'timeout' });
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

// -- arbitraries ----------------------------------------------------------------------------------
const weird = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  'é',
  'e\u0301',
  '😷',
  '\u{10ffff}',
  'ǅ',
  '../..',
  '%',
  '%00',
  '%E0%A4%A',
  '%2F',
  '<script>',
  "'; DROP TABLE",
  '__proto__',
  'constructor',
  'A'.repeat(5_000),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), weird);
const odsLike = fc.oneof(fc.constantFrom('A81001', 'a81001', 'Z99999'), fc.stringMatching(/^[A-Za-z]\d{5}$/), text);
const contact = fc.oneof(
  fc.record({ sms: fc.oneof(fc.constantFrom('07700900123', '+447700900123'), text) }, { requiredKeys: [] }),
  fc.record({ email: fc.oneof(fc.constant('pat@example.org'), text) }),
  fc.anything(),
);
const requestBody = fc.oneof(
  fc.record(
    {
      kind: fc.oneof(fc.constantFrom('clinical', 'admin'), text),
      urgency: fc.oneof(fc.constantFrom('routine', 'urgent'), text),
      description: fc.oneof(
        fc.constant('Rash on my arm for two weeks'),
        text,
        fc.constant('chest pain and cannot breathe'),
      ),
      contact,
      redFlags: fc.oneof(fc.array(fc.oneof(fc.constantFrom('chest-pain', 'breathing'), text)), fc.anything()),
      patient: fc.oneof(
        fc.record({ ageYears: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), text) }, { requiredKeys: [] }),
        fc.anything(),
      ),
      source: text,
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  fc.anything(),
);
const rota = fc.record(
  {
    clinicians: fc.oneof(
      fc.array(
        fc.record(
          {
            id: text,
            role: fc.oneof(fc.constantFrom('GP', 'ANP', 'nurse'), text),
            contacts: fc.oneof(fc.integer({ min: -10, max: 500 }), text),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.anything(),
    ),
    closed: fc.anything(),
  },
  { requiredKeys: [] },
);
const adminBody = fc.oneof(
  rota,
  fc.record({ monday: rota, friday: rota, sunday: fc.anything() }, { requiredKeys: [] }),
  fc.record(
    {
      policy: fc.oneof(fc.constantFrom('gms-contract-2025', 'bma-safe-working'), text),
      urgentSharePct: fc.oneof(fc.integer({ min: -50, max: 150 }), fc.double()),
      name: text,
      closures: fc.anything(),
      thresholds: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      until: fc.oneof(
        fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())),
        text,
      ),
      reason: text,
      by: text,
    },
    { requiredKeys: [] },
  ),
  fc.record({ contact, hours: fc.oneof(fc.integer({ min: -5, max: 500 }), text) }, { requiredKeys: [] }),
  fc.record({ label: fc.anything() }),
  fc.jsonValue(),
);
/** A body as bytes: JSON of a shaped value, or something that is not JSON at all. */
const rawBody = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 5, arbitrary: shaped.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.string().map((s) => `{${s}`) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '"x"',
        '1e999',
        '{"a":' + '['.repeat(5_000),
        `{"description":"${'x'.repeat(20_000)}"}`,
        '{"__proto__":{"polluted":1}}',
        '\ufeff{}',
      ),
    },
  );
const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/problem+json',
      'application/merge-patch+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      '',
      'json',
      'application/json; charset="',
      '*/*',
    ),
  },
);
let practiceKey = 'replaced-in-beforeAll-0123456789';
const auth = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ authorization: `Bearer ${OPERATOR}` }) },
  { weight: 2, arbitrary: fc.constant(null).map(() => ({ authorization: `Bearer ${practiceKey}` })) }, // reaches A81001 only
  {
    weight: 3,
    arbitrary: fc.constantFrom<Record<string, string>>(
      {},
      { authorization: 'Bearer wrong-key-0123456789abcdef' },
      { authorization: 'Bearer' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: `Bearer ${'k'.repeat(600)}` },
    ),
  },
);
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ZZ'; // a lone surrogate cannot be encoded: send a malformed escape instead
  }
};
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('A81001', 'B82005') },
  { weight: 3, arbitrary: odsLike.map(enc) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%',
      '%E0%A4%A',
      '%ff',
      '..',
      '.',
      '%2e%2e',
      ';',
      'A81001;x=1',
      'A81001?x',
      'A81001#frag',
    ),
  },
);

describe('bad input never produces a 5xx or a crash', () => {
  let sluice: SluiceProcess;
  const counts = { requests: 0, by: {} as Record<string, number> };

  beforeAll(async () => {
    sluice = await startSluiceProcess({
      env: {
        SLUICE_OPERATOR_KEY: OPERATOR,
        SLUICE_NOW: '2026-11-30T10:00:00Z',
        LOG_LEVEL: 'silent',
        SLUICE_PRACTICE_RATE_LIMIT: '1000000',
      },
    });
    const issued = await fetch(`${sluice.url}/v1/practices/A81001/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    practiceKey = ((await issued.json()) as { key: string }).key;
  });

  afterAll(async () => {
    console.log(
      `[faults] HTTP fuzz: ${counts.requests} requests, answers ${JSON.stringify(counts.by)}; process alive: ${sluice?.proc.exitCode === null}`,
    );
    await sluice?.stop();
  });

  const check = async (method: string, path: string, headers: Record<string, string>, body?: Buffer | string) => {
    const a = await send(sluice.url, method, path, headers, body);
    if (!a) return true;
    counts.requests += 1;
    const k = `${Math.floor(a.status / 100)}xx`;
    counts.by[k] = (counts.by[k] ?? 0) + 1;
    if (a.status >= 500 || a.status < 0) {
      throw new Error(`${method} ${path} (${JSON.stringify(headers)}) answered ${a.status}: ${a.body.slice(0, 300)}`);
    }
    return true;
  };

  const routes: {
    name: string;
    method: string;
    path: fc.Arbitrary<string>;
    body?: fc.Arbitrary<unknown>;
    authed: boolean;
  }[] = [
    {
      name: 'POST /v1/practices/{ods}/requests',
      method: 'POST',
      path: segment.map((s) => `/v1/practices/${s}/requests`),
      body: requestBody,
      authed: true,
    },
    {
      name: 'GET /v1/requests/{id}',
      method: 'GET',
      path: fc.oneof(fc.uuid(), segment).map((s) => `/v1/requests/${s}`),
      authed: false,
    },
    {
      name: 'GET|PUT /v1/practices/{ods}/config',
      method: 'PUT',
      path: segment.map((s) => `/v1/practices/${s}/config`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'PUT /v1/practices/{ods}/rota/weekly',
      method: 'PUT',
      path: segment.map((s) => `/v1/practices/${s}/rota/weekly`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'GET|PUT /v1/practices/{ods}/rota/{date}',
      method: 'PUT',
      path: fc
        .tuple(segment, fc.oneof(fc.constantFrom('2026-11-30', '2026-02-30', '2026-13-01', '0000-00-00'), segment))
        .map(([s, d]) => `/v1/practices/${s}/rota/${d}`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'GET /v1/practices/{ods}/state?date=',
      method: 'GET',
      path: fc
        .tuple(
          segment,
          fc.oneof(
            fc.constantFrom('date=2026-11-30', 'date=x', 'date=2026-11-30&date=2026-12-01', 'date[a]=1', ''),
            text.map((t) => `date=${enc(t)}`),
          ),
        )
        .map(([s, q]) => `/v1/practices/${s}/state?${q}`),
      authed: true,
    },
    {
      name: 'POST /v1/practices/{ods}/requests/{id}/cancel',
      method: 'POST',
      path: fc
        .tuple(segment, fc.oneof(fc.uuid(), segment))
        .map(([s, id]) => `/v1/practices/${s}/requests/${id}/cancel`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'POST|DELETE /v1/practices/{ods}/pause',
      method: 'POST',
      path: segment.map((s) => `/v1/practices/${s}/pause`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'POST /v1/practices/{ods}/fair-use/overrides',
      method: 'POST',
      path: segment.map((s) => `/v1/practices/${s}/fair-use/overrides`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'POST|GET /v1/practices/{ods}/keys',
      method: 'POST',
      path: segment.map((s) => `/v1/practices/${s}/keys`),
      body: adminBody,
      authed: true,
    },
    {
      name: 'DELETE /v1/practices/{ods}/keys/{id}',
      method: 'DELETE',
      path: fc
        .tuple(
          segment,
          fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 }), segment),
        )
        .map(([s, id]) => `/v1/practices/${s}/keys/${id}`),
      authed: true,
    },
    {
      name: 'GET /v1/practices, /healthz, /readyz, /metrics, anything else',
      method: 'GET',
      path: fc.oneof(
        fc.constantFrom(
          '/v1/practices',
          '/healthz',
          '/readyz',
          '/metrics',
          '/',
          '//',
          '/v1',
          '/%',
          '/v1/practices/%E0%A4%A/config',
        ),
        fc.webPath(),
      ),
      authed: true,
    },
  ];

  for (const route of routes) {
    it(`security: ${route.name} answers every fuzzed request below 500`, async () => {
      const methods = route.name.startsWith('GET|PUT')
        ? ['GET', 'PUT']
        : route.name.startsWith('POST|DELETE')
          ? ['POST', 'DELETE']
          : route.name.startsWith('POST|GET')
            ? ['POST', 'GET']
            : [route.method];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...methods),
          route.path,
          route.body ? rawBody(route.body) : fc.constant(undefined),
          contentType,
          route.authed ? auth : fc.constant({}),
          async (method, path, body, type, headers) => {
            const h: Record<string, string> = {
              ...headers,
              ...(body !== undefined && type ? { 'content-type': type } : {}),
            };
            return check(method, path, h, method === 'GET' || method === 'DELETE' ? undefined : body);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('security: bodies past the limit, declared lengths that lie, and odd encodings are refused without a 5xx', async () => {
    const base = { 'content-type': 'application/json' };
    for (const [headers, body] of [
      [base, `{"description":"${'x'.repeat(2 * 1024 * 1024)}"}`],
      [{ ...base, 'content-encoding': 'gzip' }, 'not gzip at all'],
      [{ ...base, 'content-encoding': 'br' }, Buffer.from([1, 2, 3])],
      [{ ...base, 'content-encoding': 'x-unknown' }, '{}'],
      [{ ...base, 'transfer-encoding': 'chunked' }, '{"kind":"clinical"}'],
    ] as [Record<string, string>, string | Buffer][]) {
      await check('POST', '/v1/practices/A81001/requests', headers, body);
    }
  });

  it('security: the process survived every request and still answers /healthz', async () => {
    expect(sluice.proc.exitCode).toBeNull();
    const health = await send(sluice.url, 'GET', '/healthz', {});
    expect(health?.status).toBe(200);
    expect(counts.requests).toBeGreaterThan(RUNS * 5);
  });
});
