import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScript } from './scripts';

describe('loadScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-scripts-'));
  writeFileSync(join(dir, 'claim-delivery-2.lua'), "return redis.call('GET', KEYS[1])\n");
  writeFileSync(join(dir, 'decide-n.lua'), 'return #KEYS\n');
  mkdirSync(join(dir, 'includes'));
  writeFileSync(join(dir, 'includes', 'record.lua'), '--- @include "fields"\nlocal function read(r) return r end\n');
  writeFileSync(join(dir, 'includes', 'fields.lua'), "local FIELDS = 'a|b'\n");
  writeFileSync(join(dir, 'uses-record-1.lua'), '--- @include "record"\n--- @include "fields"\nreturn read(FIELDS)\n');
  writeFileSync(join(dir, 'uses-missing-1.lua'), '--- @include "nowhere"\nreturn 1\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('happy: <name>-<numKeys>.lua is registered as <prefix><name>_<version>, with its key count and text', () => {
    expect(loadScript(dir, 'claim-delivery-2.lua', 'sluice_notify_', 'v1')).toEqual({
      name: 'sluice_notify_claim_delivery_v1',
      numberOfKeys: 2,
      lua: "return redis.call('GET', KEYS[1])\n",
    });
    expect(loadScript(dir, 'claim-delivery-2.lua', 'sluice_', 'v2').name).toBe('sluice_claim_delivery_v2');
  });

  it('happy: <name>-n.lua takes any number of keys (the caller passes the count first)', () => {
    expect(loadScript(dir, 'decide-n.lua', 'sluice_', 'v5')).toEqual({
      name: 'sluice_decide_v5',
      numberOfKeys: null,
      lua: 'return #KEYS\n',
    });
  });

  it('error: a file not named <name>-<numKeys>.lua is refused', () => {
    expect(() => loadScript(dir, 'claim.lua', 'sluice_', 'v1')).toThrow(
      /not named <name>-<numKeys>\.lua or <name>-n\.lua/,
    );
    // One naming style: camelCase (or any capital) is refused, so every script reads the same way.
    expect(() => loadScript(dir, 'claimDelivery-1.lua', 'sluice_', 'v1')).toThrow(/lower-case words joined by hyphens/);
  });

  it('happy: an include is spliced in where it is named, its own includes too, each once', () => {
    expect(loadScript(dir, 'uses-record-1.lua', 'sluice_', 'v1').lua).toBe(
      "local FIELDS = 'a|b'\nlocal function read(r) return r end\n-- (fields is included above)\nreturn read(FIELDS)\n",
    );
  });

  it('error: an include that is not there is named with the script that wants it', () => {
    expect(() => loadScript(dir, 'uses-missing-1.lua', 'sluice_', 'v1')).toThrow(
      /uses-missing-1\.lua includes "nowhere", but .*includes\/nowhere\.lua cannot be read/,
    );
  });
});
