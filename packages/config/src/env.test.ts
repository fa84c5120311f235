import { ConfigError, clockFrom, loadEnv, ManualClock, publicUrl, runningClock } from './index';

describe('loadEnv', () => {
  it('happy: the embedded default needs no settings', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8080, SLUICE_BUS: 'in-process', SLUICE_STORE: 'memory', SLUICE_NOTIFY_CHANNEL: 'log' });
    expect(publicUrl(env)).toBe('http://localhost:8080');
  });
  it('error: names every bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', SLUICE_BUS: 'carrier-pigeon' })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: 'eighty', SLUICE_BUS: 'carrier-pigeon' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/SLUICE_BUS/);
    }
  });
  it('happy: SLUICE_NOW fixes the clock', () => {
    const clock = clockFrom(loadEnv({ SLUICE_NOW: '2026-11-30T09:15:00Z' }));
    expect(clock.now().toISOString()).toBe('2026-11-30T09:15:00.000Z');
  });
  it('happy: SLUICE_CLOCK=running starts at SLUICE_NOW and moves with real time', () => {
    expect(loadEnv({}).SLUICE_CLOCK).toBe('fixed');
    let real = 1_000_000;
    const clock = runningClock('2026-11-30T09:15:00Z', () => real);
    real += 1_500;
    expect(clock.now().toISOString()).toBe('2026-11-30T09:15:01.500Z');
    const fromEnv = clockFrom(loadEnv({ SLUICE_NOW: '2026-11-30T09:15:00Z', SLUICE_CLOCK: 'running' }));
    expect(Math.abs(fromEnv.now().getTime() - Date.parse('2026-11-30T09:15:00Z'))).toBeLessThan(5_000);
  });
  it('happy: a manual clock moves only when told', () => {
    const c = new ManualClock('2026-11-30T09:00:00Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2026-11-30T09:01:00.000Z');
  });
});
