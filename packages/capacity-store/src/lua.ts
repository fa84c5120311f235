import { join } from 'node:path';
import { loadScript as load, type LuaScript } from '@sluice/redis-scripts';

/** Scripts are registered under a versioned name, so two versions can share one Redis during a rollout. */
// v2: decide takes the plan as flat arguments; v3: decide answers one string; v4: packed decision records
// (ADR 0009); v5: decide takes a chunk of requests (ADR 0011); v6: one plan layout for every kind, promote
// no longer reads v3 hashes.
export const SCRIPT_VERSION = 'v6';

/** Loads `lua/<name>-<numKeys>.lua` as `sluice_<name>_<SCRIPT_VERSION>`. */
export function loadScript(file: string): LuaScript {
  return load(join(__dirname, '..', 'lua'), file, 'sluice_', SCRIPT_VERSION);
}
