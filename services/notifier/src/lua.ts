import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

/** Scripts are registered under a versioned name (BullMQ style), so two versions can share one Redis during a rollout. */
export const SCRIPT_VERSION = 'v1';

export interface LuaScript {
  name: string;
  numberOfKeys: number;
  lua: string;
}

/** Loads `lua/<name>-<numKeys>.lua` as `sluice_notify_<name>_v1`. */
export function loadScript(file: string): LuaScript {
  const match = /^(.+)-(\d+)\.lua$/.exec(file);
  if (!match) throw new Error(`script file ${file} is not named <name>-<numKeys>.lua`);
  return {
    name: `sluice_notify_${match[1]!.replace(/-/g, '_')}_${SCRIPT_VERSION}`,
    numberOfKeys: Number(match[2]),
    lua: readFileSync(join(__dirname, '..', 'lua', file), 'utf8'),
  };
}

/** Defines the scripts on a connection (idempotent) and returns a caller for each. */
export function defineScripts<K extends string>(redis: Redis, scripts: Record<K, LuaScript>): Record<K, (...args: (string | number)[]) => Promise<unknown>> {
  const out = {} as Record<K, (...args: (string | number)[]) => Promise<unknown>>;
  for (const key of Object.keys(scripts) as K[]) {
    const s = scripts[key];
    if (!(s.name in redis)) redis.defineCommand(s.name, { numberOfKeys: s.numberOfKeys, lua: s.lua });
    const fn = (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[s.name]!;
    out[key] = (...args) => fn.apply(redis, args);
  }
  return out;
}
