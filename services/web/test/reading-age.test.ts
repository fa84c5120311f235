import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { statusView } from '../src/status/status-view';

/**
 * The Flesch-Kincaid grade of a text (US school grade: reading age is about grade + 5). Counts
 * sentences by their ending and words by letters, as the formula's authors did.
 */
function grade(text: string): number {
  const words = text.match(/[A-Za-z']+/g) ?? [];
  const sentence = text.split(/[.!?]+(?:\s|$)/).filter((s) => s.trim()).length;
  return fleschKincaid({ sentence, word: words.length, syllable: words.reduce((n, w) => n + syllable(w), 0) });
}

describe('the concern wording on the status page', () => {
  const base = {
    id: '6f1c1b7e-4a51-4d2f-9b7e-2f7b6b1a9c11',
    practice: 'A81001',
    updatedAt: '2026-11-30T10:00:00Z',
    screening: 'concern' as const,
  };
  const views = [
    statusView({ ...base, status: 'received', reason: { code: 'received', text: 'x' } }),
    statusView({
      ...base,
      status: 'accepted',
      day: '2026-11-30',
      reason: { code: 'concern-duty-clinician', text: 'x' },
    }),
    statusView({
      ...base,
      status: 'redirected',
      destination: 'nhs-111',
      reason: { code: 'redirected-concern', text: 'x' },
    }),
  ];

  it.each(views.map((v) => [v.heading, v] as const))(
    'reads at about age 9 (Flesch-Kincaid grade 4 or below): %s',
    (_h, v) => {
      // The page's own words, and its default instruction on when to call 999 (a rule's own is the rules file's to check).
      const text = [`${v.heading}.`, v.reason, ...v.next, v.call999!].join(' ');
      expect(grade(text)).toBeLessThanOrEqual(4);
    },
  );

  it('the measure is a real one: a clinical letter reads far above it (a control)', () => {
    expect(
      grade(
        'Following clinical assessment, the presentation is consistent with radiculopathy; urgent investigation is recommended to exclude metastatic spinal cord compression.',
      ),
    ).toBeGreaterThan(12);
  });
});
