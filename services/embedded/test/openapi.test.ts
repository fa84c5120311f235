import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';

const run = promisify(execFile);
/** The real linter, from this package's node_modules. */
const REDOCLY = join(__dirname, '..', 'node_modules', '.bin', 'redocly');

describe('the published HTTP contract', () => {
  let sluice: Sluice;
  let dir: string;
  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z', SLUICE_PRACTICE_RATE_LIMIT: '3' }),
      { tickMs: 0 },
    );
    dir = mkdtempSync(join(tmpdir(), 'sluice-openapi-'));
  });
  afterAll(async () => {
    await sluice.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('happy: GET /openapi.json is OpenAPI 3.1 with the bearer scheme, and @redocly/cli lints it clean', async () => {
    const res = await request(sluice.server)
      .get('/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/practices/{ods}/requests',
        '/v1/requests/{id}',
        '/v1/clients',
        '/v1/clients/{clientId}',
      ]),
    );
    const file = join(dir, 'openapi.json');
    writeFileSync(file, res.text);
    const out = await run(REDOCLY, ['lint', '--format=stylish', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((e: { stdout: string; stderr: string }) => {
      throw new Error(`redocly lint failed:\n${e.stdout}\n${e.stderr}`);
    });
    expect(`${out.stdout}${out.stderr}`).toMatch(/valid/i);
  }, 120_000);

  it('happy: route by route, real answers are answers the document describes (status, content type, body)', async () => {
    const doc = (await request(sluice.server).get('/openapi.json')).body as {
      components: unknown;
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv
      .addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
      .addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const checked: string[] = [];
    const matches = (path: string, method: string, res: request.Response) => {
      const op = doc.paths[path]?.[method];
      expect(op).toBeDefined();
      const documented = op!.responses[String(res.status)];
      if (!documented)
        throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, which the document does not describe`);
      checked.push(`${method.toUpperCase()} ${path} ${res.status}`);
      if (!documented.content) return expect(res.text).toBe('');
      const type = String(res.headers['content-type']).split(';')[0]!;
      const media = documented.content[type];
      if (!media)
        throw new Error(
          `${method.toUpperCase()} ${path} ${res.status} answered ${type}; the document says ${Object.keys(documented.content).join(', ')}`,
        );
      const validate = ajv.compile({ ...media.schema, components: doc.components });
      if (!validate(JSON.parse(res.text)))
        throw new Error(
          `${method.toUpperCase()} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${res.text}`,
        );
    };
    const op = { Authorization: `Bearer ${sluice.operatorKey}` };
    const body = { kind: 'clinical', description: 'Rash on my arm for two weeks', contact: { sms: '07700900123' } };
    const create = '/v1/practices/{ods}/requests';
    for (const p of ['A81001', 'B82002'])
      await request(sluice.server).put(`/v1/practices/${p}/rota/weekly`).set(op).send({}).expect(200);

    const client = await request(sluice.server)
      .post('/v1/clients')
      .set(op)
      .send({ name: 'Tool', practices: ['A81001'] });
    matches('/v1/clients', 'post', client);
    matches(
      '/v1/clients',
      'post',
      await request(sluice.server)
        .post('/v1/clients')
        .set(op)
        .send({ name: 'Tool', practices: ['C83003'] }),
    );
    matches('/v1/clients', 'post', await request(sluice.server).post('/v1/clients').set(op).send({ name: '' }));
    matches(
      '/v1/clients',
      'post',
      await request(sluice.server)
        .post('/v1/clients')
        .send({ name: 'Tool', practices: ['A81001'] }),
    );
    matches('/v1/clients', 'get', await request(sluice.server).get('/v1/clients').set(op));
    const asClient = { Authorization: `Bearer ${client.body.key}` };

    const taken = await request(sluice.server).post('/v1/practices/A81001/requests').set(asClient).send(body);
    matches(create, 'post', taken);
    matches(
      create,
      'post',
      await request(sluice.server)
        .post('/v1/practices/A81001/requests')
        .set(op)
        .send({ ...body, description: 'crushing chest pain going down my left arm' }),
    );
    matches(create, 'post', await request(sluice.server).post('/v1/practices/A81001/requests').send(body));
    matches(
      create,
      'post',
      await request(sluice.server).post('/v1/practices/B82002/requests').set(asClient).send(body),
    );
    matches(create, 'post', await request(sluice.server).post('/v1/practices/C83003/requests').set(op).send(body));
    matches(
      create,
      'post',
      await request(sluice.server).post('/v1/practices/A81001/requests').set(op).send({ kind: 'wizardry' }),
    );
    matches(
      create,
      'post',
      await request(sluice.server).post('/v1/practices/A81001/requests').set(op).type('text/plain').send('hello'),
    );
    for (let i = 0; i < 3; i++) await request(sluice.server).post('/v1/practices/B82002/requests').set(op).send(body);
    const limited = await request(sluice.server).post('/v1/practices/B82002/requests').set(op).send(body);
    expect(limited.status).toBe(429);
    matches(create, 'post', limited);

    matches('/v1/requests/{id}', 'get', await request(sluice.server).get(`/v1/requests/${taken.body.id}`));
    matches(
      '/v1/requests/{id}',
      'get',
      await request(sluice.server).get('/v1/requests/00000000-0000-4000-8000-000000000000'),
    );
    matches(
      '/v1/clients/{clientId}',
      'delete',
      await request(sluice.server).delete(`/v1/clients/${client.body.clientId}`).set(op),
    );
    matches(
      '/v1/clients/{clientId}',
      'delete',
      await request(sluice.server).delete(`/v1/clients/${client.body.clientId}`).set(op),
    );

    const weekly = '/v1/practices/{ods}/rota/weekly';
    const day = '/v1/practices/{ods}/rota/{date}';
    const config = '/v1/practices/{ods}/config';
    const week = { monday: { clinicians: [{ id: 'gp1', role: 'GP', contacts: 3 }] } };
    const otherPractice = await request(sluice.server).post('/v1/practices/B82002/keys').set(op).send({}).expect(201);
    const asOther = { Authorization: `Bearer ${otherPractice.body.key}` };
    matches(weekly, 'put', await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(op).send(week));
    matches(
      weekly,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(op).send({ someday: {} }),
    );
    matches(
      weekly,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(asOther).send(week),
    );
    matches(
      weekly,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(op).type('text/plain').send('x'),
    );
    matches(weekly, 'get', await request(sluice.server).get('/v1/practices/A81001/rota/weekly').set(op));
    matches(weekly, 'get', await request(sluice.server).get('/v1/practices/A81001/rota/weekly'));
    matches(
      day,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/rota/2026-12-01').set(op).send(week.monday),
    );
    matches(
      day,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/rota/9999-12-01').set(op).send(week.monday),
    );
    matches(day, 'get', await request(sluice.server).get('/v1/practices/A81001/rota/2026-12-01').set(op));
    matches(day, 'get', await request(sluice.server).get('/v1/practices/A81001/rota/2026-12-02').set(op));
    matches(
      config,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/config').set(op).send({ name: 'Riverside Surgery' }),
    );
    matches(
      config,
      'put',
      await request(sluice.server).put('/v1/practices/A81001/config').set(op).send({ urgentSharePct: 'lots' }),
    );
    matches(config, 'get', await request(sluice.server).get('/v1/practices/A81001/config').set(op));
    matches(config, 'get', await request(sluice.server).get('/v1/practices/A81001/config').set(asOther));
    matches(config, 'get', await request(sluice.server).get('/v1/practices/A81001/config').set(asClient));
    expect(checked).toEqual(
      expect.arrayContaining([
        `PUT ${weekly} 200`,
        `PUT ${weekly} 400`,
        `PUT ${weekly} 403`,
        `PUT ${weekly} 415`,
        `GET ${weekly} 200`,
        `GET ${weekly} 401`,
        `PUT ${day} 200`,
        `PUT ${day} 400`,
        `GET ${day} 200`,
        `PUT ${config} 200`,
        `PUT ${config} 400`,
        `GET ${config} 200`,
        `GET ${config} 403`,
        `GET ${config} 401`,
      ]),
    );
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /v1/clients 201',
        'POST /v1/clients 422',
        'POST /v1/clients 400',
        'POST /v1/clients 401',
        'GET /v1/clients 200',
        `POST ${create} 202`,
        `POST ${create} 401`,
        `POST ${create} 403`,
        `POST ${create} 404`,
        `POST ${create} 400`,
        `POST ${create} 415`,
        `POST ${create} 429`,
        'GET /v1/requests/{id} 200',
        'GET /v1/requests/{id} 404',
        'DELETE /v1/clients/{clientId} 204',
        'DELETE /v1/clients/{clientId} 404',
      ]),
    );
  });
});
