import { RED_FLAG_CODES } from '@sluice/contracts';
import { RULES_VERSION, screen, toScreening } from './index';
import { DEFAULT_RULES, firedRules, urgencyRank } from './screen';

const ruleOf = (description: string, extra: { ageYears?: number } = {}): string => {
  const r = screen({ description, ...extra });
  return r.outcome === 'clear' ? 'clear' : r.ruleId;
};

describe('screen', () => {
  it('clears a routine request and says which rules it used', () => {
    expect(screen({ description: 'fit note please' })).toEqual({ outcome: 'clear', rulesVersion: RULES_VERSION });
  });

  it('signposts an emergency with fixed patient text', () => {
    const r = screen({ description: 'my chest feels tight and heavy' });
    expect(r).toMatchObject({
      outcome: 'emergency',
      ruleId: 'chest-pain',
      category: 'chest-pain',
      destination: '999',
      rulesVersion: RULES_VERSION,
    });
    if (r.outcome === 'emergency')
      expect(r.reasonText).toMatch(/^Call 999 now\. .*Do not wait for the practice to reply\.$/);
  });

  it.each([
    ['chest pian since this morning', 'chest-pain'],
    ['cant breath', 'breathing-severe'],
    ['i think its anaphalaxis', 'anaphylaxis'],
    ['worried its meningitus', 'meningitis'],
    ['he is having a siezure', 'seizure'],
    ['dad is unconcious', 'collapse-unconscious'],
    ['my son is chocking', 'choking'],
    ['breatheing is really hard', 'breathing-severe'],
  ])('reads misspelt %p', (text, rule) => {
    expect(ruleOf(text)).toBe(rule);
  });
});

describe('destination precedence: the most urgent wins', () => {
  it('orders 999 > A&E > 111 mental health > 111', () => {
    expect(
      ['nhs-111', '999', 'nhs-111-mental-health', 'a-and-e'].sort(
        (a, b) => urgencyRank(a as never) - urgencyRank(b as never),
      ),
    ).toEqual(['999', 'a-and-e', 'nhs-111-mental-health', 'nhs-111']);
  });

  it.each([
    ['my nosebleed wont stop and now I have crushing chest pain', '999'],
    ['coughing up blood and I feel suicidal', 'nhs-111-mental-health'],
    ['blacked out earlier and now sudden severe tummy pain', 'a-and-e'],
    ['short of breath and my lips are blue', '999'],
  ])('%p goes to %p', (description, destination) => {
    expect(screen({ description })).toMatchObject({ destination });
  });

  it.each([
    'I want to die and I have taken 30 paracetamol',
    'I feel suicidal and have the rope ready',
    'going to kill myself tonight',
    'I tried to end my life last night',
  ])('a mental-health crisis with immediate danger (%p) is 999', (description) => {
    expect(screen({ description })).toMatchObject({ outcome: 'emergency', destination: '999' });
  });

  it('breaks ties between equally urgent rules by file order, so results never vary', () => {
    const fired = firedRules(DEFAULT_RULES, { description: 'collapsed and having a seizure' }).map((c) => c.rule.id);
    expect(fired).toEqual(expect.arrayContaining(['collapse-unconscious', 'seizure']));
    expect(ruleOf('collapsed and having a seizure')).toBe('collapse-unconscious');
    expect(ruleOf('having a seizure and collapsed')).toBe('collapse-unconscious');
  });
});

describe('age rules', () => {
  it('apply only inside their age band', () => {
    expect(ruleOf("she has a temperature and isn't feeding", { ageYears: 0 })).toBe('baby-unwell-age');
    expect(ruleOf("she has a temperature and isn't feeding", { ageYears: 40 })).toBe('clear');
    expect(ruleOf("she has a temperature and isn't feeding")).toBe('clear');
    expect(ruleOf('he is floppy', { ageYears: 1 })).toBe('unresponsive-infant-age');
    expect(ruleOf('he is floppy', { ageYears: 5 })).toBe('clear');
  });

  it('floors fractional ages and ignores invalid ones', () => {
    expect(ruleOf("isn't feeding", { ageYears: 0.5 })).toBe('baby-unwell-age');
    for (const ageYears of [Number.NaN, -1, Number.POSITIVE_INFINITY])
      expect(ruleOf("isn't feeding", { ageYears })).toBe('clear');
  });

  it('still catches an adult who is hard to wake from the text alone', () => {
    expect(ruleOf('my husband is floppy and hard to wake', { ageYears: 70 })).toBe('collapse-unconscious');
  });
});

describe('structured red-flag codes', () => {
  it.each([...RED_FLAG_CODES])('%s maps to a rule and always fires, even with no text', (code) => {
    const rule = DEFAULT_RULES.byCode.get(code);
    expect(rule).toBeDefined();
    expect(screen({ description: '', redFlags: [code] })).toMatchObject({
      outcome: 'emergency',
      ruleId: rule!.id,
      destination: rule!.destination,
    });
  });

  it('cannot be negated or masked by the free text', () => {
    expect(screen({ description: 'no chest pain', redFlags: ['chest-pain'] })).toMatchObject({ ruleId: 'chest-pain' });
    expect(screen({ description: 'meningitis b vaccine', redFlags: ['non-blanching-rash'] })).toMatchObject({
      ruleId: 'meningitis',
    });
  });

  it('wins a tie with free text of the same urgency', () => {
    expect(screen({ description: 'my dad has collapsed', redFlags: ['chest-pain'] })).toMatchObject({
      ruleId: 'chest-pain',
    });
  });

  it('can be escalated, never lowered, by the free text', () => {
    expect(screen({ description: "I've taken 40 paracetamol", redFlags: ['suicidal-thoughts'] })).toMatchObject({
      ruleId: 'overdose-poisoning',
      destination: '999',
    });
    expect(screen({ description: 'just a cough', redFlags: ['suicidal-thoughts'] })).toMatchObject({
      ruleId: 'suicidal-thoughts',
    });
  });

  it('fails towards help for a code this rules version does not know', () => {
    expect(screen({ description: '', redFlags: ['brand-new-code' as never] })).toMatchObject({
      outcome: 'emergency',
      ruleId: 'structured-unrecognised',
      destination: '999',
    });
  });
});

describe('robustness against bad input from plain JavaScript callers', () => {
  it.each([
    undefined,
    null,
    {},
    { description: 42 },
    { description: 'x', redFlags: 'chest-pain' },
    { description: 'x', ageYears: '3' },
  ])('does not throw on %p', (input) => {
    expect(() => screen(input as never)).not.toThrow();
  });
});

describe('toScreening', () => {
  it('carries the rule id, version and destination, never the text', () => {
    expect(toScreening(screen({ description: 'fit note' }))).toEqual({ outcome: 'clear', rulesVersion: RULES_VERSION });
    const s = toScreening(screen({ description: 'I have crushing chest pain' }));
    expect(s).toEqual({
      outcome: 'emergency-signposted',
      ruleId: 'chest-pain',
      rulesVersion: RULES_VERSION,
      destination: '999',
    });
    expect(JSON.stringify(s)).not.toMatch(/crushing/);
  });
});
