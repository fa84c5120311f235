import { DEFAULT_RULES, findingsOf, screen } from './screen';

const values = (text: string) => findingsOf(DEFAULT_RULES, text).values;

describe('values read from the text', () => {
  it.each([
    ['temp 38.5', [38.5]],
    ['39.2C this morning', [39.2]],
    ['temperature 40', [40]],
    ['temp normal 36.8', [36.8]],
    ['he was 101.3F', [38.5]],
    ['thermometer says 102', [38.9]],
    ['38 year old with a cough', []],
    ['took 2 paracetamol', []],
  ])('%p -> %p °C', (text, want) => {
    expect(values(text).temperaturesC).toEqual(want);
  });

  it.each([
    ['my 3 week old', { min: 0, max: 0 }],
    ['6 month old son', { min: 6, max: 6 }],
    ['my dad is 80 years old', { min: 960, max: 971 }],
    ['aged 2', { min: 24, max: 35 }],
    ['my baby (5 weeks)', { min: 1, max: 1 }],
    ['newborn', { min: 0, max: 1 }],
    ['toddler', { min: 12, max: 47 }],
    ['teenager', { min: 156, max: 227 }],
    ['back pain for 3 weeks', undefined],
    ["she's actually 6 weeks and 5 days", { min: 1, max: 1 }],
    ['he is only 5 months', { min: 5, max: 5 }],
    ["she's 30 weeks pregnant", undefined],
    ['baby born yesterday', { min: 0, max: 0 }],
    // A possessive keeps the age: "old's" must fold to "old", not "olds".
    ["my 4 year old's knee is swollen", { min: 48, max: 59 }],
    ['my 8 month old’s cot', { min: 8, max: 8 }],
  ])('%p -> age %p months', (text, want) => {
    expect(values(text).ageMonths).toEqual(want);
  });

  it.each([
    ['32 weeks pregnant', 32],
    ['pregnant, at 28 weeks', 28],
    ['28 weeks, waters gone', 28],
    ['pain for 3 weeks', undefined],
    ['waited 24 weeks for an appointment', undefined],
  ])('%p -> %p weeks of pregnancy', (text, want) => {
    expect(values(text).pregnancyWeeks).toBe(want);
  });

  it('reads tablets taken and glucose readings', () => {
    expect(values('took 20 paracetamol').tablets).toBe(20);
    expect(values('swallowed thirty of my pills').tablets).toBe(30);
    expect(values('sugar 2.4 and shaky').glucoseMmol).toEqual([2.4]);
  });

  it('applies NG143 age and temperature bands', () => {
    expect(screen({ description: 'my 6 week old has a temp of 38.4' })).toMatchObject({
      outcome: 'emergency',
      ruleId: 'fever-under-3-months',
      destination: 'a-and-e',
    });
    expect(screen({ description: 'my 4 month old has a temp of 39.4' })).toMatchObject({
      outcome: 'emergency',
      destination: 'nhs-111',
    });
    expect(screen({ description: 'my 4 month old has a temp of 37.9' }).outcome).toBe('clear');
  });
});
