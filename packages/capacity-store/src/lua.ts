import { join } from 'node:path';
import { loadScript as load, type LuaScript } from '@sluice/redis-scripts';

/** Scripts are registered under a versioned name, so two versions can share one Redis during a rollout. */
export const SCRIPT_VERSION = 'v2'; // v2: decide takes the plan as flat arguments

/** Loads `lua/<name>-<numKeys>.lua` as `sluice_<name>_v2`. */
export function loadScript(file: string): LuaScript {
  return load(join(__dirname, '..', 'lua'), file, 'sluice_', SCRIPT_VERSION);
}
