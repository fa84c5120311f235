import type { SafeguardLevel } from '@sluice/contracts';

/**
 * How each safeguard level looks and reads on a page. Colours are the NHS tag colours (green, orange,
 * red); BLACK has no NHS tag colour, so the app stylesheet adds a black one with white text.
 */
export const LEVEL_INFO: Record<SafeguardLevel, { tag: string; label: string; meaning: string }> = {
  GREEN: { tag: 'nhsuk-tag--green', label: 'Green', meaning: 'Within safe limits.' },
  AMBER: { tag: 'nhsuk-tag--orange', label: 'Amber', meaning: 'The routine share is nearly used, or requests have waited a long time.' },
  RED: { tag: 'nhsuk-tag--red', label: 'Red', meaning: 'The routine share is used up. Routine requests wait or are signposted, as your policy says.' },
  BLACK: { tag: 'app-tag--black', label: 'Black', meaning: 'The urgent share is used up too, there is no safe capacity today, or the practice has paused online requests.' },
};
