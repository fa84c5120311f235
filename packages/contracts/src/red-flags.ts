import './zod-openapi';
import { z } from 'zod';

/**
 * Fixed vocabulary of structured red-flag answers an online consultation tool may send
 * (`redFlags` on a request). Each code maps to a destination in the triage package's rules.
 * Adding a code is a minor (compatible) change; removing or renaming one is a new major version.
 */
export const RED_FLAG_CODES = [
  'chest-pain',
  'stroke-signs',
  'breathing-difficulty',
  'anaphylaxis',
  'heavy-bleeding',
  'sepsis-signs',
  'non-blanching-rash',
  'suicidal-thoughts',
  'self-harm',
  'overdose-poisoning',
  'collapse-unconscious',
  'seizure',
  'head-injury-red-flags',
  'pregnancy-bleeding-or-pain',
  'unresponsive-baby',
  'cauda-equina',
  'testicular-pain-sudden',
  'sudden-vision-loss',
  'severe-burn',
  'choking',
] as const;

export const RedFlagCode = z.enum(RED_FLAG_CODES);
export type RedFlagCode = z.output<typeof RedFlagCode>;
