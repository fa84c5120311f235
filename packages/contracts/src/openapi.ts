import './zod-openapi';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ClientView, CreateClientBody, CreatedClient, CreateRequestBody, CreateRequestResponse, RequestStatusDoc } from './api';
import { OdsCode, RequestId } from './common';

/** RFC 9457 problem details, as every 4xx and 5xx is written. */
export const ProblemDoc = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
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
    description: 'A client key (POST /v1/clients) for intake, a practice key for its own practice, or the operator key for every route.',
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
    summary: 'Send a patient\'s request to their practice',
    description: 'Screened for emergencies at once (the answer carries the advice), then decided against the practice\'s safe capacity; read the decision at statusUrl.',
    security,
    request: {
      params: ods,
      headers: z.object({ 'Idempotency-Key': z.string().min(1).max(255).optional() }),
      body: { required: true, content: { 'application/json': { schema: r.register('CreateRequestBody', CreateRequestBody), example: { kind: 'clinical', description: 'Rash on my arm for two weeks', contact: { sms: '07700900123' } } } } },
    },
    responses: {
      202: { description: 'Taken (or answered at once for an emergency)', content: { 'application/json': { schema: r.register('CreateRequestResponse', CreateRequestResponse) } } },
      400: problemJson('The body, practice code or Idempotency-Key is not valid'),
      401: problemJson('No key, or one Sluice does not know', { type: 'about:blank', title: 'Unauthorised', status: 401, detail: 'Send your client key as Authorization: Bearer <key>.' }),
      403: problemJson('The key does not reach this practice'),
      404: problemJson('Sluice does not serve this practice'),
      409: problemJson('A request with this Idempotency-Key is still being taken'),
      413: problemJson('The body is over 16 KB'),
      415: problemJson('The body is not JSON'),
      422: problemJson('The Idempotency-Key was used for another body'),
      429: { ...problemJson('Beyond the practice\'s or the client\'s requests a minute'), headers: { 'Retry-After': { description: 'Seconds until a request would be taken', schema: { type: 'integer' } } } },
      503: problemJson('Sluice cannot take the request safely just now (advice in detail)'),
    },
  });

  r.registerPath({
    method: 'get',
    path: '/v1/requests/{id}',
    operationId: 'getRequestStatus',
    summary: 'A request\'s status, as its patient may see it (no personal data)',
    description: 'Needs no key: the id is an unguessable UUID the patient holds.',
    security: [],
    request: { params: z.object({ id: RequestId }) },
    responses: {
      200: { description: 'The status', content: { 'application/json': { schema: r.register('RequestStatus', RequestStatusDoc) } } },
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
    request: { body: { required: true, content: { 'application/json': { schema: r.register('CreateClientBody', CreateClientBody), example: { name: 'Our consultation tool', practices: ['A81001'] } } } } },
    responses: {
      201: { description: 'The key, shown this once', content: { 'application/json': { schema: r.register('CreatedClient', CreatedClient) } } },
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
      200: { description: 'The clients', content: { 'application/json': { schema: z.object({ clients: z.array(clientView) }) } } },
      401: problemJson('No key, or one Sluice does not know'),
      403: problemJson('Not the operator key'),
    },
  });
  r.registerPath({
    method: 'delete',
    path: '/v1/clients/{clientId}',
    operationId: 'revokeClient',
    summary: 'Revoke a client\'s key (operator only)',
    security,
    request: { params: z.object({ clientId: z.string().regex(/^[0-9a-f]{12}$/) }) },
    responses: {
      204: { description: 'Revoked' },
      401: problemJson('No key, or one Sluice does not know'),
      403: problemJson('Not the operator key'),
      404: problemJson('No client has that id'),
    },
  });

  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sluice',
      version: '1.0.0',
      description: 'Demand–capacity throttling for GP practices in England: the intake API online consultation tools call, and the operator\'s client keys.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: o.serverUrl ?? 'http://localhost:8080' }],
  });
}
