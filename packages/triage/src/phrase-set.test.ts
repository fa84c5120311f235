import { screen } from './screen';
import { evaluate, FALSE_POSITIVE_BOUND_PERCENT, loadAllPhrases } from './phrase-set';

const { emergency, routine } = loadAllPhrases();
const ev = evaluate([...emergency, ...routine]);

describe('labelled phrase set', () => {
  it('is big enough to mean something', () => {
    expect(emergency.length).toBeGreaterThanOrEqual(250);
    expect(routine.length).toBeGreaterThanOrEqual(200);
    expect(new Set(emergency.map((p) => p.category)).size).toBeGreaterThanOrEqual(20);
  });

  it('catches 100% of emergency phrases (any miss is listed by text)', () => {
    expect(ev.misses.map((p) => `[${p.category}] ${p.text}`)).toEqual([]);
    expect(ev.emergency.sensitivityPercent).toBe(100);
  });

  it('never signposts an emergency somewhere less urgent than labelled', () => {
    expect(
      ev.underTriaged.map((u) => `[${u.phrase.category}] ${u.phrase.text} -> ${u.got}, want ${u.phrase.destination}`),
    ).toEqual([]);
  });

  it(`keeps the false-positive rate on routine phrases at or below ${FALSE_POSITIVE_BOUND_PERCENT}%`, () => {
    console.log(
      `red-flag screen: sensitivity ${ev.emergency.sensitivityPercent}% (${ev.emergency.fired}/${ev.emergency.phrases}), false-positive rate ${ev.routine.falsePositivePercent}% (${ev.routine.fired}/${ev.routine.phrases})`,
    );
    expect(ev.routine.falsePositivePercent).toBeLessThanOrEqual(FALSE_POSITIVE_BOUND_PERCENT);
  });

  it('has a documented reason for every false positive (a new, unexplained one fails)', () => {
    expect(
      ev.falsePositives.filter((f) => f.phrase.note === undefined).map((f) => `${f.phrase.text} -> ${f.ruleId}`),
    ).toEqual([]);
  });

  it('has no duplicate phrases', () => {
    const texts = [...emergency, ...routine].map((p) => p.text.toLowerCase());
    expect(texts.length - new Set(texts).size).toBe(0);
  });

  it('flags at most 5% of routine phrases as concern, so the duty clinician is not swamped', () => {
    const { routine } = loadAllPhrases();
    const concerns = routine.filter(
      (p) =>
        screen({ description: p.text, ...(p.ageYears !== undefined ? { ageYears: p.ageYears } : {}) }).outcome ===
        'concern',
    );
    expect(concerns.length / routine.length).toBeLessThanOrEqual(0.05);
  });
});
