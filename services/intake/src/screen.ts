import type { Destination, RedFlagCode } from '@sluice/contracts';

/** The red-flag screen intake runs before anything is queued or counted (the triage package's `screen`). */
export type ScreenResult =
  | { outcome: 'clear'; rulesVersion: string }
  | {
      outcome: 'emergency';
      ruleId: string;
      category: string;
      destination: Destination;
      reasonText: string;
      rulesVersion: string;
    }
  | { outcome: 'concern'; ruleId: string; category: string; reasonText: string; rulesVersion: string };

export type Screen = (input: { description: string; redFlags?: RedFlagCode[]; ageYears?: number }) => ScreenResult;
