import { DEFAULT_RULES, findingsOf, screen } from './screen';

/** The ConText properties of the first finding of a concept in a text. */
const contextOf = (text: string, concept: string): string[] => {
  const f = findingsOf(DEFAULT_RULES, text).findings.find((x) => x.concept === concept);
  if (!f) throw new Error(`no ${concept} finding in "${text}"`);
  return [...f.context].sort();
};
const outcome = (description: string): string => screen({ description }).outcome;

describe('ConText over findings', () => {
  it.each([
    ['back in 2019 I was coughing up blood, all clear now', 'coughing-blood'],
    ['I had crushing chest pain 3 years ago, want a check-up', 'chest-pain'],
    ['last year I had a seizure', 'seizure'],
    ['history of seizures, want a DVLA form', 'seizure'],
  ])('reads %p as historical', (text, concept) => {
    expect(contextOf(text, concept)).toContain('historical');
    expect(outcome(text)).toBe('clear');
  });

  it.each([
    ['my dad died of sepsis, I want to know the signs', 'sepsis'],
    ['my uncle had a seizure at christmas', 'seizure'],
  ])('reads %p as someone else', (text, concept) => {
    expect(contextOf(text, concept)).toContain('other');
    expect(outcome(text)).toBe('clear');
  });

  it.each([
    'what should I do if my son has a seizure',
    'in case she has an anaphylactic reaction, can we have a spare epipen',
  ])('reads %p as hypothetical', (text) => {
    expect(outcome(text)).toBe('clear');
  });

  it('reads a glass test that fades as reassurance, and one that does not as a finding', () => {
    expect(outcome('red spots on his legs, did the glass test and it fades')).toBe('clear');
    expect(outcome('red spots on his legs, did the glass test and it doesnt fade')).toBe('emergency');
  });

  it('treats a carer writing about the person they care for as the subject', () => {
    expect(screen({ description: "my son can't breathe" })).toMatchObject({ outcome: 'emergency', destination: '999' });
    expect(screen({ description: 'my mum has crushing chest pain' })).toMatchObject({
      outcome: 'emergency',
      destination: '999',
    });
  });

  it('ends a historical scope at a termination term: the present finding still counts', () => {
    expect(screen({ description: 'had a stroke in 2019 and now his face has dropped again' })).toMatchObject({
      outcome: 'emergency',
      destination: '999',
    });
  });

  it('ignores a pseudo-trigger: "no change" is not a denial', () => {
    expect(outcome('chest pain, no change since this morning')).toBe('emergency');
  });

  it('never lets a denial or a hypothetical silence a mention of suicide', () => {
    expect(outcome('not sure what to do if I feel suicidal again tonight')).toBe('emergency');
  });

  it('turns a past suicide attempt into a concern, not clear', () => {
    expect(
      screen({ description: 'attempted suicide 10 years ago, doing well now, need a medication review' }),
    ).toMatchObject({ outcome: 'concern', ruleId: 'risk-history' });
  });

  it('counts a known condition in the past as the patient’s ("had cancer in 2019")', () => {
    expect(screen({ description: 'had breast cancer in 2019, now my legs feel weak and numb' })).toMatchObject({
      outcome: 'emergency',
      ruleId: 'mscc',
    });
  });
});
