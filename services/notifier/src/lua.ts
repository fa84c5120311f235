import { join } from 'node:path';
import { loadScript as load, type LuaScript } from '@sluice/redis-scripts';

export { defineScripts } from '@sluice/redis-scripts';

/** Scripts are registered under a versioned name (BullMQ style), so two versions can share one Redis during a rollout. */
export const SCRIPT_VERSION = 'v1';

/** Loads `lua/<name>-<numKeys>.lua` as `sluice_notify_<name>_v1`. */
export function loadScript(file: string): LuaScript {
  return load(join(__dirname, '..', 'lua'), file, 'sluice_notify_', SCRIPT_VERSION);
}
