import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('the generated types', () => {
  it('happy: src/schema.ts is what openapi-typescript makes of the OpenAPI document today (regenerate after a contract change)', async () => {
    const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const out = await run(tsx, [join(__dirname, '..', 'scripts', 'generate.ts'), '--check']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in out ? { code: out.code, stderr: out.stderr } : { code: 0 }).toEqual({ code: 0 });
  }, 60_000);
});
