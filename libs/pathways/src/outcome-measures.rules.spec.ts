import { meaningfulChange, needsUrgentReview, scoreAnswers, validateAnswers } from './outcome-measures.rules';

// Source for every table: DOMAIN-RULES.md "Outcome measures".
describe('PHQ-9: 9 items 0-3, total 0-27, bands (DOMAIN-RULES.md)', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild'],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], 9, 'mild'],
    [[2, 2, 2, 2, 1, 1, 0, 0, 0], 10, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 2, 0, 0], 14, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 2, 1, 0], 15, 'moderately severe'],
    [[3, 3, 3, 2, 2, 2, 2, 2, 0], 19, 'moderately severe'],
    [[3, 3, 3, 3, 2, 2, 2, 2, 0], 20, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe'],
  ])('%j scores %i (%s)', (answers, total, band) => {
    expect(validateAnswers('PHQ9', answers)).toEqual([]);
    expect(scoreAnswers('PHQ9', answers)).toEqual({ total, band, profile: null, vas: null });
  });

  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], false],
    [[0, 0, 0, 0, 0, 0, 0, 0, 1], true],
    [[3, 3, 3, 3, 3, 3, 3, 3, 0], false],
  ])('item 9 of %j needs urgent review: %s', (answers, urgent) => {
    expect(needsUrgentReview('PHQ9', answers)).toBe(urgent);
  });
});

describe('GAD-7: 7 items 0-3, total 0-21, bands (DOMAIN-RULES.md)', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
    [[1, 1, 1, 1, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0], 5, 'mild'],
    [[2, 2, 2, 1, 1, 1, 0], 9, 'mild'],
    [[2, 2, 2, 2, 2, 0, 0], 10, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 2], 14, 'moderate'],
    [[3, 2, 2, 2, 2, 2, 2], 15, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3], 21, 'severe'],
  ])('%j scores %i (%s)', (answers, total, band) => {
    expect(scoreAnswers('GAD7', answers)).toEqual({ total, band, profile: null, vas: null });
  });
});

describe('PSEQ: 10 items 0-6, total 0-60 (DOMAIN-RULES.md)', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 30],
    [[6, 6, 6, 6, 6, 6, 6, 6, 6, 6], 60],
  ])('%j scores %i', (answers, total) => {
    expect(scoreAnswers('PSEQ', answers)).toEqual({ total, band: null, profile: null, vas: null });
  });
});

describe('pain NRS 0-10 (DOMAIN-RULES.md)', () => {
  it.each([
    [[0], 0],
    [[7], 7],
    [[10], 10],
  ])('%j scores %i', (answers, total) => {
    expect(scoreAnswers('NRS', answers).total).toBe(total);
  });
});

describe('EQ-5D-5L: five dimensions 1-5 as a profile, VAS 0-100, no bundled index (DOMAIN-RULES.md)', () => {
  it.each([
    [{ mobility: 1, selfCare: 1, usualActivities: 1, painDiscomfort: 1, anxietyDepression: 1, vas: 100 }, '11111', 100],
    [{ mobility: 2, selfCare: 1, usualActivities: 3, painDiscomfort: 4, anxietyDepression: 2, vas: 55 }, '21342', 55],
    [{ mobility: 5, selfCare: 5, usualActivities: 5, painDiscomfort: 5, anxietyDepression: 5, vas: 0 }, '55555', 0],
  ])('%j is profile %s with VAS %i', (answers, profile, vas) => {
    expect(validateAnswers('EQ5D5L', answers)).toEqual([]);
    expect(scoreAnswers('EQ5D5L', answers)).toEqual({ total: null, band: null, profile, vas });
  });
});

describe('invalid answers name each item', () => {
  it.each([
    ['PHQ9', [0, 0, 0, 0, 0, 0, 0, 0], ['answers']],
    ['PHQ9', [0, 0, 0, 4, 0, 0, 0, 0, -1], ['answers[4]', 'answers[9]']],
    ['GAD7', [0, 0, 0, 0, 0, 0, 1.5], ['answers[7]']],
    ['PSEQ', [7, 0, 0, 0, 0, 0, 0, 0, 0, 0], ['answers[1]']],
    ['NRS', [11], ['answers[1]']],
    ['NRS', ['5'], ['answers[1]']],
    ['NRS', 5, ['answers']],
    [
      'EQ5D5L',
      { mobility: 0, selfCare: 1, usualActivities: 1, painDiscomfort: 6, anxietyDepression: 1, vas: 101 },
      ['answers.mobility', 'answers.painDiscomfort', 'answers.vas'],
    ],
    [
      'EQ5D5L',
      { mobility: 1, selfCare: 1, usualActivities: 1, painDiscomfort: 1, vas: 50, mood: 2 },
      ['answers.anxietyDepression', 'answers.mood'],
    ],
    ['EQ5D5L', [1, 1, 1, 1, 1], ['answers']],
  ] as const)('%s %j -> %j', (measure, answers, fields) => {
    expect(validateAnswers(measure, answers).map((e) => e.field)).toEqual(fields);
  });
});

describe('meaningful change (DOMAIN-RULES.md: PSEQ +7; NRS −2 points or −30%, IMMPACT)', () => {
  it.each([
    ['PSEQ', 20, 27, true],
    ['PSEQ', 20, 26, false],
    ['PSEQ', 30, 20, false],
    ['NRS', 8, 6, true],
    ['NRS', 8, 7, false],
    ['NRS', 3, 2, true], // 33% reduction
    ['NRS', 5, 4, false], // 20%, 1 point
    ['NRS', 0, 0, false],
    ['PHQ9', 15, 5, null],
    ['GAD7', 10, 4, null],
  ] as const)('%s %i -> %i is meaningful: %s', (measure, baseline, discharge, expected) => {
    expect(meaningfulChange(measure, baseline, discharge)).toBe(expected);
  });
});
