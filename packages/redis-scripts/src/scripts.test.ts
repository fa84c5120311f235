import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScript } from './scripts';

describe('loadScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-scripts-'));
  writeFileSync(join(dir, 'claim-delivery-2.lua'), "return redis.call('GET', KEYS[1])\n");
  writeFileSync(join(dir, 'decide-n.lua'), 'return #KEYS\n');
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
});
