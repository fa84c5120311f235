// Writes src/schema.ts, the API's types, from the OpenAPI document Sluice serves (generated from the
// zod schemas its routes validate with). `--check` writes nothing and fails if the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '@sluice/contracts';

const FILE = join(__dirname, '..', 'src', 'schema.ts');
const HEADER = '// Generated from GET /openapi.json by `pnpm --filter @sluice/client generate`: do not edit.\n\n';

async function main(): Promise<number> {
  // A field with a default may be left out of a body Sluice is sent, so it stays optional in the types.
  const ast = await openapiTS(JSON.stringify(openApiDocument()), { defaultNonNullable: false });
  const text = `${HEADER}${astToString(ast)}`;
  if (process.argv.includes('--check')) {
    if (readFileSync(FILE, 'utf8') === text) return 0;
    process.stderr.write('packages/client/src/schema.ts is stale: run pnpm --filter @sluice/client generate\n');
    return 1;
  }
  writeFileSync(FILE, text);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
