import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULES_DIR } from './paths';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const scale = (n: string, unit: string, factor: number) =>
  `${Math.max(1, Math.round((Number(n) * UNIT_MS[unit]!) / factor))}ms`;

/**
 * The repo's rule files with their durations divided by `factor` (for:, range selectors and
 * offsets), so a test at one scrape a second sees in seconds what production sees in minutes: with
 * 20, `for: 2m` is 6 s and `[15m]` 45 s. `keep_firing_for` is left as it is: what it must outlast is
 * a process restart, which takes as long in a test as in production (longer on a loaded machine), so
 * scaling it down would test a different ratio. Expressions and thresholds are untouched.
 */
export function scaledRules(factor: number): { files: string[]; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-rules-'));
  const files = readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => {
      const text = readFileSync(path.join(RULES_DIR, f), 'utf8')
        .replace(
          /\b(for): (\d+)(ms|s|m|h)\b/g,
          (_m, key: string, n: string, u: string) => `${key}: ${scale(n, u, factor)}`,
        )
        .replace(/\[(\d+)(ms|s|m|h)\]/g, (_m, n: string, u: string) => `[${scale(n, u, factor)}]`)
        .replace(/\boffset (\d+)(ms|s|m|h)\b/g, (_m, n: string, u: string) => `offset ${scale(n, u, factor)}`);
      const file = path.join(dir, f);
      writeFileSync(file, text);
      return file;
    });
  return { files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
