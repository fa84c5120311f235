import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { defineScripts, loadScript } from './scripts';

describe('defineScripts (real Redis)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-scripts-'));
  writeFileSync(join(dir, 'echo-1.lua'), 'return {KEYS[1], ARGV[1]}\n');
  writeFileSync(join(dir, 'count-n.lua'), 'return {#KEYS, #ARGV}\n');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  afterAll(() => {
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('happy: each script is callable by its key, with its keys first; defining again is harmless', async () => {
    const version = `t${randomUUID().slice(0, 8)}`;
    const scripts = { echo: loadScript(dir, 'echo-1.lua', 'sluice_test_', version) };
    const first = defineScripts(redis, scripts);
    expect(`sluice_test_echo_${version}` in redis).toBe(true);
    const again = defineScripts(redis, scripts);
    expect(await first.echo('k', 'v')).toEqual(['k', 'v']);
    expect(await again.echo('k2', 7)).toEqual(['k2', '7']);
  });

  it('happy: a -n script takes the number of keys first, on a connection and in a pipeline', async () => {
    const version = `t${randomUUID().slice(0, 8)}`;
    const { count } = defineScripts(redis, { count: loadScript(dir, 'count-n.lua', 'sluice_test_', version) });
    expect(await count!(3, 'a', 'b', 'c', 'x')).toEqual([3, 1]);
    expect(await count!(0, 'x', 'y')).toEqual([0, 2]);
    const pipe = redis.pipeline() as unknown as Record<string, (...a: unknown[]) => unknown> & {
      exec(): Promise<[Error | null, unknown][]>;
    };
    pipe[`sluice_test_count_${version}`]!.call(pipe, 1, 'k', 'v');
    expect(await pipe.exec()).toEqual([[null, [1, 1]]]);
  });
});
