import type { Screening } from '@sluice/contracts';
import type { ScreenResult } from './screen';

export {
  screen,
  screenWith,
  urgencyRank,
  RULES_VERSION,
  DEFAULT_RULES,
  type ScreenInput,
  type ScreenResult,
} from './screen';
export { hasVisibleContent, unDisguise } from './normalise';
export { loadRules, RulesFile, RulesError, ScreenDestination, SCREEN_DESTINATIONS, type RuleSet } from './rules';

/** The screen's answer as carried on consultation.requested.v1: rule id and version, never the text. */
export function toScreening(result: ScreenResult): Screening {
  switch (result.outcome) {
    case 'clear':
      return { outcome: 'clear', rulesVersion: result.rulesVersion };
    case 'concern':
      return { outcome: 'concern', ruleId: result.ruleId, rulesVersion: result.rulesVersion };
    case 'emergency':
      return {
        outcome: 'emergency-signposted',
        ruleId: result.ruleId,
        rulesVersion: result.rulesVersion,
        destination: result.destination,
      };
  }
}
