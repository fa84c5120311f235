/**
 * `pnpm --filter @sluice/triage report`: scores the screen against the labelled phrase set.
 * Exits non-zero if any emergency phrase is missed or signposted somewhere less urgent than labelled,
 * so it can gate a rules change in CI.
 */
import { evaluate, formatReport, loadAllPhrases } from './phrase-set';
import { RULES_VERSION } from './screen';

const { emergency, routine } = loadAllPhrases();
const ev = evaluate([...emergency, ...routine]);
console.log(formatReport(ev, RULES_VERSION));
if (ev.emergency.sensitivityPercent < 100 || ev.underTriaged.length > 0) {
  console.error('\nFAIL: every emergency phrase must fire, at least as urgently as labelled.');
  process.exitCode = 1;
}
