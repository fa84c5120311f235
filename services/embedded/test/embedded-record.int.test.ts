// The embedded default keeps its record in PGlite in SLUICE_DATA_DIR: a process killed with SIGKILL
// and started again has every practice's settings back (rota, config, pause), read from the record.
// (Open days' reservations, waiting lists and statuses are not rebuilt yet: see ADR 0029.)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startSluiceProcess, type SluiceProcess } from '@sluice/testkit';

jest.setTimeout(300_000);

describe('embedded default: the record in PGlite survives SIGKILL', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-data-'));
  const key = randomBytes(24).toString('hex');
  const env = { SLUICE_DATA_DIR: dir, SLUICE_OPERATOR_KEY: key, SLUICE_NOW: '2026-11-30T10:00:00Z', LOG_LEVEL: 'warn' };
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  let proc: SluiceProcess | null = null;
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('fault: rota, config and pause written before a SIGKILL are there after the restart', async () => {
    proc = await startSluiceProcess({ env, timeoutMs: 240_000 });
    expect(proc.lines.join('\n')).toContain(`Record (pglite): ${dir}`);
    const rota = { clinicians: [{ id: 'gp1', role: 'GP', contacts: 4 }] };
    const put = async (url: string, body: unknown, method = 'PUT') =>
      (await fetch(url, { method, headers, body: JSON.stringify(body) })).status;
    expect(await put(`${proc.url}/v1/practices/A81001/config`, { urgentSharePct: 0, policy: 'bma-safe-working' })).toBe(
      200,
    );
    expect(await put(`${proc.url}/v1/practices/A81001/rota/2026-11-30`, rota)).toBe(200);
    expect(
      await put(
        `${proc.url}/v1/practices/B82005/pause`,
        { reason: 'flooded surgery, no rooms', by: 'Dr Ames', until: '2026-12-01T10:00:00Z' },
        'POST',
      ),
    ).toBe(201);
    const before = {
      config: await (await fetch(`${proc.url}/v1/practices/A81001/config`, { headers })).json(),
      rota: await (await fetch(`${proc.url}/v1/practices/A81001/rota/2026-11-30`, { headers })).json(),
      state: await (await fetch(`${proc.url}/v1/practices/B82005/state`, { headers })).json(),
    };
    proc.kill('SIGKILL');
    await proc.exited;

    proc = await startSluiceProcess({ env, timeoutMs: 240_000 });
    const after = {
      config: await (await fetch(`${proc.url}/v1/practices/A81001/config`, { headers })).json(),
      rota: await (await fetch(`${proc.url}/v1/practices/A81001/rota/2026-11-30`, { headers })).json(),
      state: await (await fetch(`${proc.url}/v1/practices/B82005/state`, { headers })).json(),
    };
    expect(after.config).toEqual(before.config);
    expect(after.rota).toEqual(before.rota);
    expect((after.rota as { rota: unknown }).rota).toMatchObject(rota);
    expect((after.state as { level: string }).level).toBe('BLACK');
    expect(after.state).toMatchObject({ paused: { by: 'Dr Ames', reason: 'flooded surgery, no rooms' } });
    expect((await fetch(`${proc.url}/readyz`)).status).toBe(200);
  });
});
