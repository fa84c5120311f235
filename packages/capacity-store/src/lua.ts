import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Scripts are registered under a versioned name, so two versions can share one Redis during a rollout. */
export const SCRIPT_VERSION = 'v3'; // v2: decide takes the plan as flat arguments; v3: decide answers one string

export interface LuaScript {
  name: string;
  numberOfKeys: number;
  lua: string;
}

/** Loads `lua/<name>-<numKeys>.lua`. */
export function loadScript(file: string): LuaScript {
  const match = /^(.+)-(\d+)\.lua$/.exec(file);
  if (!match) throw new Error(`script file ${file} is not named <name>-<numKeys>.lua`);
  return {
    name: `sluice_${match[1]!.replace(/-/g, '_')}_${SCRIPT_VERSION}`,
    numberOfKeys: Number(match[2]),
    lua: readFileSync(join(__dirname, '..', 'lua', file), 'utf8'),
  };
}
