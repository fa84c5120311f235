import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './connection';

export interface LuaScript {
  /** The command name it is registered under on a connection. */
  name: string;
  /** null: the caller passes the number of keys first, for a script that takes any number (`-n.lua`). */
  numberOfKeys: number | null;
  lua: string;
}

export type ScriptCaller = (...args: (string | number)[]) => Promise<unknown>;

/**
 * Loads `<dir>/<name>-<numKeys>.lua`, or `<name>-n.lua` for any number of keys counted by the caller, as
 * the command `<namePrefix><name>_<version>` (dashes in the name become underscores). The version is in
 * the name (BullMQ style) so that two versions of a script can share one Redis during a rollout: a caller
 * bumps it whenever a script's arguments or reply change.
 */
export function loadScript(dir: string, file: string, namePrefix: string, version: string): LuaScript {
  // One style for every script: lower-case words joined by hyphens, then the key count.
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)-(\d+|n)\.lua$/.exec(file);
  if (!match)
    throw new Error(
      `script file ${file} is not named <name>-<numKeys>.lua or <name>-n.lua (<name> in lower-case words joined by hyphens)`,
    );
  return {
    name: `${namePrefix}${match[1]!.replace(/-/g, '_')}_${version}`,
    numberOfKeys: match[2] === 'n' ? null : Number(match[2]),
    lua: spliceIncludes(dir, readFileSync(join(dir, file), 'utf8'), file),
  };
}

const INCLUDE = /^--- @include "([a-z0-9]+(?:-[a-z0-9]+)*)"[ \t]*$/gm;

/**
 * Replaces each line `--- @include "<name>"` with `<dir>/includes/<name>.lua` (BullMQ's convention), so a
 * definition several scripts share (the decision record's layout, say) is written once. Redis runs one
 * script text, so the include is spliced before it is loaded; an include may include others, and each is
 * spliced once, where it is first named.
 */
function spliceIncludes(dir: string, lua: string, file: string, seen = new Set<string>()): string {
  return lua.replace(INCLUDE, (_line, name: string) => {
    if (seen.has(name)) return `-- (${name} is included above)`;
    seen.add(name);
    const path = join(dir, 'includes', `${name}.lua`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`script ${file} includes "${name}", but ${path} cannot be read`);
    }
    return spliceIncludes(dir, text.replace(/\n$/, ''), file, seen);
  });
}

/** Defines the scripts on a connection (idempotent) and returns a caller for each. */
export function defineScripts<K extends string>(
  redis: RedisClient,
  scripts: Record<K, LuaScript>,
): Record<K, ScriptCaller> {
  const out = {} as Record<K, ScriptCaller>;
  for (const key of Object.keys(scripts) as K[]) {
    const s = scripts[key];
    if (!(s.name in redis))
      redis.defineCommand(
        s.name,
        s.numberOfKeys === null ? { lua: s.lua } : { numberOfKeys: s.numberOfKeys, lua: s.lua },
      );
    const fn = (redis as unknown as Record<string, ScriptCaller>)[s.name]!;
    out[key] = (...args) => fn.apply(redis, args);
  }
  return out;
}
