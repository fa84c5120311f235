import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';

const run = promisify(execFile);
const README = join(__dirname, '..', '..', '..', 'README.md');

/** The README's TypeScript example, as a newcomer would copy it. */
function readmeExample(): string {
  const text = readFileSync(README, 'utf8');
  const from = text.indexOf('From TypeScript, `@sluice/client`');
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(from));
  if (from < 0 || !block) throw new Error('README.md has no TypeScript example after "From TypeScript"');
  return block[1]!;
}

describe("the README's typed-client example", () => {
  let sluice: Sluice;
  beforeAll(async () => {
    sluice = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z' }), {
      tickMs: 0,
    });
  });
  afterAll(() => sluice.stop());

  it('happy: runs as written against a running Sluice, and its request is then decided', async () => {
    // Inside this package, so `@sluice/client` resolves as it does for a workspace user.
    const file = join(__dirname, `.readme-example-${process.pid}.mts`);
    writeFileSync(file, readmeExample());
    try {
      const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
      const { stdout } = await run(tsx, [file], {
        env: { ...process.env, SLUICE_URL: sluice.url, KEY: sluice.operatorKey },
      });
      const printed = /^received (\S+)$/m.exec(stdout);
      expect(printed).not.toBeNull();
      const statusUrl = printed![1]!;
      expect(statusUrl).toMatch(new RegExp(`^${sluice.url}/v1/requests/[0-9a-f-]{36}$`));
      let status = 'received';
      for (let i = 0; i < 100 && status === 'received'; i++) {
        status = ((await (await fetch(statusUrl)).json()) as { status: string }).status;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe('accepted');
    } finally {
      rmSync(file, { force: true });
    }
  }, 60_000);
});
