import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LOG = readFileSync(join(ROOT, 'docs', 'safety', 'hazard-log.md'), 'utf8');

/** Every `path` › "name" reference in the hazard log's rows. */
function references(): { hazard: string; file: string; name: string }[] {
  const rows = LOG.split('\n').filter((l) => /^\| H\d+ /.test(l));
  return rows.flatMap((row) => {
    const hazard = /^\| (H\d+) /.exec(row)![1]!;
    return [...row.matchAll(/`([^`]+\.test\.ts|[^`]+\.contract\.ts)` › "([^"]+)"/g)].map((m) => ({
      hazard,
      file: m[1]!,
      name: m[2]!,
    }));
  });
}

describe('hazard log', () => {
  it('names at least one verifying test for every hazard', () => {
    const hazards = [...LOG.matchAll(/^\| (H\d+) /gm)].map((m) => m[1]);
    expect(hazards.length).toBeGreaterThanOrEqual(10);
    const covered = new Set(references().map((r) => r.hazard));
    for (const h of hazards) expect({ hazard: h, covered: covered.has(h!) }).toEqual({ hazard: h, covered: true });
  });

  it.each(references().map((r) => [r.hazard, r.file, r.name]))(
    '%s: %s has a test named like "%s"',
    (_h, file, name) => {
      const path = join(ROOT, file);
      expect(existsSync(path)).toBe(true);
      const source = readFileSync(path, 'utf8');
      // The name must appear inside a test title (it/describe string), not merely anywhere in the file.
      const titles = [
        ...source.matchAll(/\b(?:it|test|describe)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g),
      ].map((m) => m[2]!);
      expect(titles.some((t) => t.includes(name))).toBe(true);
    },
  );
});
