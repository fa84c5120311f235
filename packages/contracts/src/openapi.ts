import './zod-openapi';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ClientView,
  CreateClientBody,
  CreatedClient,
  CreateRequestBody,
  CreateRequestResponse,
  RequestStatusDoc,
} from './api';
import { IsoDay, OdsCode, RequestId } from './common';
import { PracticeConfig, RotaBody, WeeklyRotaBody } from './practice';

/** RFC 9457 problem details, as every 4xx and 5xx is written. */
export const ProblemDoc = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** A practice-day's safe capacity: clinical contacts (routine + urgent) and the separate admin allowance. */
export const SafeCapacityDoc = z.object({
  total: z.number().int(),
  routine: z.number().int(),
  urgent: z.number().int(),
  admin: z.number().int(),
});

/**
 * The HTTP contract for online consultation tools and operators, generated from the same zod schemas
 * intake and the admin API validate with, so the document cannot drift from what is enforced.
 */
export function openApiDocument(o: { serverUrl?: string } = {}): object {
  const r = new OpenAPIRegistry();
  const bearer = r.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A client key (POST /v1/clients) for intake, a practice key for its own practice, or the operator key for every route.',
  });
  const security = [{ [bearer.name]: [] }];
  const Problem = r.register('Problem', ProblemDoc);
  const problemJson = (description: string, example?: object) => ({
    description,
    content: { 'application/problem+json': { schema: Problem, ...(example ? { example } : {}) } },
  });
  const ods = z.object({ ods: OdsCode });

  r.registerPath({
    method: 'post',
    path: '/v1/practices/{ods}/requests',
    operationId: 'createRequest',
    summary: "Send a patient's request to their practice",
    description:
      "Screened for emergencies at once (the answer carries the advice), then decided against the practice's safe capacity; read the decision at statusUrl.",
    security,
    request: {
      params: ods,
      headers: z.object({ 'Idempotency-Key': z.string().min(1).max(255).optional() }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: r.register('CreateRequestBody', CreateRequestBody),
            example: { kind: 'clinical', description: 'Rash on my arm for two weeks', contact: { sms: '07700900123' } },
          },
        },
      },
    },
    responses: {
      202: {
        description: 'Taken (or answered at once for an emergency)',
        content: { 'application/json': { schema: r.register('CreateRequestResponse', CreateRequestResponse) } },
      },
      400: problemJson('The body, practice code or Idempotency-Key is not valid'),
      401: problemJson('No key, or one Sluice does not know', {
        type: 'about:blank',
        title: 'Unauthorised',
        status: 401,
        detail: 'Send your client key as Authorization: Bearer <key>.',
      }),
      403: problemJson('The key does not reach this practice'),
      404: problemJson('Sluice does not serve this practice'),
      409: problemJson('A request with this Idempotency-Key is still being taken'),
      413: problemJson('The body is over 16 KB'),
      415: problemJson('The body is not JSON'),
      422: problemJson('The Idempotency-Key was used for another body'),
      429: {
        ...problemJson("Beyond the practice's or the client's requests a minute"),
        headers: {
          'Retry-After': { description: 'Seconds until a request would be taken', schema: { type: 'integer' } },
        },
      },
      503: problemJson('Sluice cannot take the request safely just now (advice in detail)'),
    },
  });

  r.registerPath({
    method: 'get',
    path: '/v1/requests/{id}',
    operationId: 'getRequestStatus',
    summary: "A request's status, as its patient may see it (no personal data)",
    description: 'Needs no key: the id is an unguessable UUID the patient holds.',
    security: [],
    request: { params: z.object({ id: RequestId }) },
    responses: {
      200: {
        description: 'The status',
        content: { 'application/json': { schema: r.register('RequestStatus', RequestStatusDoc) } },
      },
      404: problemJson('No request has this id'),
      503: problemJson('The status cannot be read just now'),
    },
  });

  const clientView = r.register('Client', ClientView);
  r.registerPath({
    method: 'post',
    path: '/v1/clients',
    operationId: 'createClient',
    summary: 'Issue a client key (operator only)',
    security,
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: r.register('CreateClientBody', CreateClientBody),
            example: { name: 'Our consultation tool', practices: ['A81001'] },
          },
        },
      },
    },
    responses: {
      201: {
        description: 'The key, shown this once',
        content: { 'application/json': { schema: r.register('CreatedClient', CreatedClient) } },
      },
      400: problemJson('The body is not valid'),
      401: problemJson('No key, or one Sluice does not know'),
      403: problemJson('Not the operator key'),
      422: problemJson('A practice Sluice does not serve'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/v1/clients',
    operationId: 'listClients',
    summary: 'Every client (operator only); never their keys',
    security,
    responses: {
      200: {
        description: 'The clients',
        content: { 'application/json': { schema: z.object({ clients: z.array(clientView) }) } },
      },
      401: problemJson('No key, or one Sluice does not know'),
      403: problemJson('Not the operator key'),
    },
  });
  r.registerPath({
    method: 'delete',
    path: '/v1/clients/{clientId}',
    operationId: 'revokeClient',
    summary: "Revoke a client's key (operator only)",
    security,
    request: { params: z.object({ clientId: z.string().regex(/^[0-9a-f]{12}$/) }) },
    responses: {
      204: { description: 'Revoked' },
      401: problemJson('No key, or one Sluice does not know'),
      403: problemJson('Not the operator key'),
      404: problemJson('No client has that id'),
    },
  });

  // What a practice (its own key) or the operator sets: the weekly rota, a dated rota, the settings.
  const practiceAuth = {
    400: problemJson('The practice code or the body is not valid'),
    401: problemJson('No key, or one Sluice does not know'),
    403: problemJson('The key does not reach this practice'),
  };
  const Weekly = r.register('WeeklyRota', WeeklyRotaBody);
  const Rota = r.register('Rota', RotaBody);
  const Capacity = r.register('SafeCapacity', SafeCapacityDoc);
  const Config = r.register('PracticeConfig', PracticeConfig);
  const weeklyExample = { monday: { clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }] } };
  r.registerPath({
    method: 'get',
    path: '/v1/practices/{ods}/rota/weekly',
    operationId: 'getWeeklyRota',
    summary: "The practice's Monday–Friday rota template",
    security,
    request: { params: ods },
    responses: {
      200: { description: 'The template ({} until one is set)', content: { 'application/json': { schema: Weekly } } },
      ...practiceAuth,
    },
  });
  r.registerPath({
    method: 'put',
    path: '/v1/practices/{ods}/rota/weekly',
    operationId: 'putWeeklyRota',
    summary: "Set the Monday–Friday rota template (the operator's first one registers the practice)",
    security,
    request: {
      params: ods,
      body: { required: true, content: { 'application/json': { schema: Weekly, example: weeklyExample } } },
    },
    responses: {
      200: { description: 'The template as saved', content: { 'application/json': { schema: Weekly } } },
      ...practiceAuth,
      415: problemJson('The body is not JSON'),
    },
  });
  const dated = z.object({ ods: OdsCode, date: IsoDay });
  r.registerPath({
    method: 'get',
    path: '/v1/practices/{ods}/rota/{date}',
    operationId: 'getDayRota',
    summary: "One day's rota (dated, else the template's) and its safe capacity",
    security,
    request: { params: dated },
    responses: {
      200: {
        description: 'The day',
        content: {
          'application/json': {
            schema: z.object({
              date: IsoDay,
              rota: z.union([Rota, z.null()]),
              safeCapacity: Capacity,
              dated: z.boolean(),
            }),
          },
        },
      },
      ...practiceAuth,
    },
  });
  r.registerPath({
    method: 'put',
    path: '/v1/practices/{ods}/rota/{date}',
    operationId: 'putDayRota',
    summary: "Set one day's rota, in place of the template that day (this year ± 2)",
    security,
    request: {
      params: dated,
      body: { required: true, content: { 'application/json': { schema: Rota, example: weeklyExample.monday } } },
    },
    responses: {
      200: {
        description: 'The day as saved',
        content: { 'application/json': { schema: z.object({ date: IsoDay, rota: Rota, safeCapacity: Capacity }) } },
      },
      ...practiceAuth,
      415: problemJson('The body is not JSON'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/v1/practices/{ods}/config',
    operationId: 'getConfig',
    summary: "The practice's settings (defaults filled in)",
    security,
    request: { params: ods },
    responses: {
      200: { description: 'The settings', content: { 'application/json': { schema: Config } } },
      ...practiceAuth,
    },
  });
  r.registerPath({
    method: 'put',
    path: '/v1/practices/{ods}/config',
    operationId: 'putConfig',
    summary: "Set the practice's settings; every field has a default, so {} is valid",
    security,
    request: {
      params: ods,
      body: {
        required: true,
        content: {
          'application/json': { schema: Config, example: { name: 'Riverside Surgery', policy: 'bma-safe-working' } },
        },
      },
    },
    responses: {
      200: { description: 'The settings as saved', content: { 'application/json': { schema: Config } } },
      ...practiceAuth,
      415: problemJson('The body is not JSON'),
    },
  });

  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sluice',
      version: '1.0.0',
      description:
        "Demand–capacity throttling for GP practices in England: the intake API online consultation tools call, the operator's client keys, and each practice's rota and settings.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: o.serverUrl ?? 'http://localhost:8080' }],
  });
}
