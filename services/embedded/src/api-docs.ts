import { dirname } from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { asyncApiDocument, openApiDocument } from '@sluice/contracts';

/** swagger-ui-dist's files, straight from node_modules: no CDN, no copy to go stale. */
const SWAGGER_UI = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The reference page: Swagger UI on this server's own document, with nothing inline to allow. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sluice API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<p><a href="/openapi.json">OpenAPI 3.1 document</a> · <a href="/asyncapi.json">AsyncAPI 3 document (Kafka topics)</a></p>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false });\n`;

/**
 * Swagger UI sets style attributes and loads the schema's examples as data: URLs; everything else is
 * this server's. No frames, no forms off-site, no connections elsewhere.
 */
function docsSecurity(_req: Request, res: Response, next: NextFunction) {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  );
  next();
}

/**
 * The published contract: `GET /openapi.json` (HTTP, from the zod schemas the routes validate with),
 * `GET /asyncapi.json` (every Kafka topic and its dead-letter topic, from the zod schemas consumers
 * parse with) and `GET /docs`, an interactive reference served from this server alone.
 */
export function createApiDocsRouter(o: { publicUrl: string; brokers?: string[] }): Router {
  const r = Router();
  const openapi = JSON.stringify(openApiDocument({ serverUrl: o.publicUrl }));
  const asyncapi = JSON.stringify(asyncApiDocument(o.brokers ? { brokers: o.brokers } : {}));
  r.get('/openapi.json', (_req, res) => void res.type('application/json').send(openapi));
  r.get('/asyncapi.json', (_req, res) => void res.type('application/json').send(asyncapi));
  r.use('/docs', docsSecurity);
  r.get('/docs', (_req, res) => void res.type('html').send(PAGE));
  r.get('/docs/init.js', (_req, res) => void res.type('application/javascript').send(INIT));
  // Only the two files the page loads: not swagger-ui-dist's own index.html and its sample petstore.
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    r.get(`/docs/assets/${file}`, (_req, res) => res.sendFile(file, { root: SWAGGER_UI, maxAge: '1h' }));
  }
  return r;
}
