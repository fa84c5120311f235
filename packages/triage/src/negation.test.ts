import { compilePattern, findMatches } from './pattern';
import { normalise } from './normalise';
import { isNegated } from './negation';
import { DEFAULT_RULES, screen } from './screen';

const outcome = (description: string): string => {
  const r = screen({ description });
  return r.outcome === 'clear' ? 'clear' : r.ruleId;
};

/** Is the first "chest pain" in the text negated? Tests the negation module on its own. */
const chestPainNegated = (text: string): boolean => {
  const t = normalise(text, DEFAULT_RULES.lexicon);
  const [span] = findMatches(compilePattern('chest pain'), t);
  if (!span) throw new Error(`no "chest pain" in ${text}`);
  return isNegated(t, span, DEFAULT_RULES.context.negation);
};

describe('negation: denials the patient writes are honoured', () => {
  it.each([
    'no chest pain',
    'No chest pain.',
    'denies chest pain',
    'I have not had any chest pain',
    "I don't have chest pain",
    'I havent got chest pain',
    'Chest pain: no',
    'Chest pain - none',
    'no cough or chest pain',
    'neither cough nor chest pain',
    'no sore throat or chest pain',
    'no chest pain now',
    'no chest pain today, just a cough',
  ])('%p denies chest pain', (text) => {
    expect(chestPainNegated(text)).toBe(true);
  });

  it.each([
    'no chest pain just a cough',
    'not short of breath',
    'no fever or stiff neck, just a headache',
    'banged my head, no vomiting or drowsiness',
  ])('%p is clear', (text) => {
    expect(outcome(text)).toBe('clear');
  });
});

describe('negation scope is narrow', () => {
  it.each([
    'not well, chest pain',
    'not well chest pain',
    'not sure if it is chest pain',
    'no idea why I have chest pain',
    'no i have chest pain',
    'never had chest pain like this before',
    'chest pain no better',
    'no crushing heavy chest pain or breathlessness',
    'Chest pain? no idea what it is',
    'no one believes my chest pain',
    "I haven't had chest pain like this before",
    'not had any chest pain this bad ever',
    'no chest pain until this morning',
  ])('%p does not deny chest pain', (text) => {
    expect(chestPainNegated(text)).toBe(false);
  });

  it.each([
    ["no chest pain but I can't breathe", 'breathing-severe'],
    ["no chest pain and can't breathe", 'breathing-severe'],
    ['no chest pain, lips blue', 'cyanosis'],
    ['no fever, stiff neck and vomiting', 'meningitis-neck'],
    ['not short of breath but my chest is crushing', 'chest-pain'],
    ['Chest pain: no. Breathing: cant breathe', 'breathing-severe'],
  ])('%p still fires %p', (text, rule) => {
    expect(outcome(text)).toBe(rule);
  });
});

describe('negation never silences mental-health or overdose rules', () => {
  it.each([
    ["I don't want to die", 'suicidal-thoughts'],
    ["I don't feel safe", 'suicidal-thoughts'],
    ["I'm not suicidal but I want to die", 'suicidal-thoughts'],
    ['no thoughts of harming others but suicidal', 'suicidal-thoughts'],
    ['I have no plans to end my life but I think about it', 'suicidal-thoughts'],
    ["haven't taken an overdose", 'overdose-poisoning'],
    ['not self harming much', 'self-harm'],
    ['not self harming', 'self-harm'],
    ["I'm not really suicidal", 'suicidal-thoughts'],
  ])('%p fires %p', (text, rule) => {
    expect(outcome(text)).toBe(rule);
  });

  it.each([
    "I'm not suicidal",
    'no suicidal thoughts',
    'never been suicidal',
    'no thoughts of self harm or suicide',
    'no self harm',
  ])('only an explicit denial (%p) is masked', (text) => {
    expect(outcome(text)).toBe('clear');
  });
});
