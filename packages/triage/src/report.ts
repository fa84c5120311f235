/**
 * `pnpm triage:report` (or `pnpm --filter @sluice/triage report`): scores the screen on every set
 * in eval/sets.json, per set and per category, with Wilson 95 % intervals. Exits non-zero only if a
 * DEVELOPMENT set has an emergency left clear or sent somewhere less urgent than labelled: blind
 * figures are reported, never enforced, so nobody is tempted to tune rules to a blind item.
 */
import { formatScored, loadSets, score } from './eval-sets';
import { RULES_VERSION } from './screen';

console.log(`Red-flag screen evaluation (rules ${RULES_VERSION})`);
let failed = false;
for (const set of loadSets()) {
  const s = score(set.items);
  console.log(`\n=== ${set.file} (${set.role}, ${set.items.length} texts) ===`);
  console.log(formatScored('', s));
  const total = s.emergency.get('TOTAL');
  if (set.role === 'development' && total && (total.missed > 0 || total.third > 0)) failed = true;
}
if (failed) {
  console.error('\nFAIL: a development emergency was left clear or sent somewhere less urgent than labelled.');
  process.exitCode = 1;
}
