import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';
import { runCli } from '../src/cli';

/** `pnpm sluice` against the embedded default, through its HTTP API, as a practice manager would run it. */
describe('pnpm sluice', () => {
  const NOW = '2026-11-30T10:00:00Z'; // a Monday
  let sluice: Sluice;
  let lines: string[];
  const io = { out: (l: string) => void lines.push(l), now: () => new Date(NOW) };
  const cli = (...args: string[]) =>
    runCli(
      [
        ...args,
        '--practice',
        'A81001',
        '--key',
        sluice.operatorKey,
        '--url',
        sluice.url.replace('localhost', '127.0.0.1'),
      ],
      io,
    );
  const gps = (n: number) => ({
    clinicians: Array.from({ length: n }, (_, i) => ({ id: `gp${i + 1}`, role: 'GP', contacts: 25 })),
  });

  beforeAll(async () => {
    sluice = await startSluice(loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SLUICE_NOW: NOW }), {
      tickMs: 0,
    });
    const weekly = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, gps(3)]));
    await request(sluice.server)
      .put('/v1/practices/A81001/rota/weekly')
      .set({ Authorization: `Bearer ${sluice.operatorKey}` })
      .send(weekly)
      .expect(200);
  });
  afterAll(async () => sluice.stop());
  beforeEach(() => {
    lines = [];
  });

  it('seeds eight whole weeks of history ending yesterday, once however often it is run', async () => {
    expect(await cli('seed-history', '--weeks', '8')).toBe(0);
    expect(lines[0]).toMatch(/^A81001: \d+ requests from 2026-10-05 to 2026-11-29 \((\d+) new, 0 already there\)$/);
    lines = [];
    expect(await cli('seed-history', '--weeks', '8')).toBe(0);
    expect(lines[0]).toMatch(/\(0 new, \d+ already there\)$/);
  });

  it('prints the forecast from that history, Monday above Friday', async () => {
    expect(await cli('forecast', '--from', '2026-12-07', '--days', '5')).toBe(0);
    const rows = lines.slice(1, 6).map((l) => l.split(/\s+/));
    expect(rows.map((r) => r[0])).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    expect(Number(rows[0]![1])).toBeGreaterThan(Number(rows[4]![1]));
    expect(lines.at(-1)).toMatch(/last 8 Mondays/);
  });

  it('replays last Monday with a bigger rota: fewer told tomorrow or later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
    writeFileSync(join(dir, 'rota.json'), JSON.stringify(gps(6)));
    expect(await cli('what-if', '--date', '2026-11-23', '--rota', join(dir, 'rota.json'))).toBe(0);
    const told = lines
      .find((l) => l.startsWith('told tomorrow or later'))!
      .split(/\s{2,}/)
      .slice(1)
      .map(Number);
    expect(told[1]).toBeLessThan(told[0]!);
  });

  it('says what is wrong, with the usage, for a bad command or a refused call', async () => {
    expect(await cli('tomorrow')).toBe(2);
    expect(lines[0]!.split('\n')[0]).toBe('unknown command tomorrow');
    expect(lines[0]).toMatch(/usage: pnpm sluice/);
    lines = [];
    expect(
      await runCli(['forecast', '--practice', 'A81001', '--key', 'not-the-key-0123456789', '--url', sluice.url], io),
    ).toBe(2);
    expect(lines[0]).toMatch(/^GET \/v1\/practices\/A81001\/forecast\?days=5: 401/);
  });
});
