import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type SluiceClient = Client<paths>;
/** A schema of the API by its name in the document, e.g. `Schema<'RequestStatus'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

export interface SluiceClientOptions {
  /** Where Sluice answers, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** A client key, a practice key or the operator key; none for reading a request's status. */
  key?: string;
  /** Another fetch (a test's, or one with a proxy); the global one otherwise. */
  fetch?: typeof fetch;
}

/**
 * A client typed from Sluice's OpenAPI document: every path, parameter, body and answer as the
 * server publishes them. Answers are `{ data }` or `{ error }` (the problem+json body), with the
 * `response` itself for status and headers:
 *
 *   const sluice = createSluiceClient({ baseUrl, key });
 *   const { data, error } = await sluice.POST('/v1/practices/{ods}/requests', {
 *     params: { path: { ods: 'A81001' } },
 *     body: { kind: 'clinical', description: 'Rash on my arm for two weeks', contact: { sms: '07700900123' } },
 *   });
 */
export function createSluiceClient(options: SluiceClientOptions): SluiceClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.key) {
    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${options.key}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
