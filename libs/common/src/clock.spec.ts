import { londonDate, londonDayRange, londonMidnight } from './clock';

describe('London calendar days (Europe/London, GMT in winter, BST in summer)', () => {
  it.each([
    ['a GMT date: midnight is 00:00Z', '2026-01-15', '2026-01-15T00:00:00.000Z'],
    ['a BST date: midnight is 23:00Z the day before', '2026-06-01', '2026-05-31T23:00:00.000Z'],
    ['the day BST starts (clocks go forward at 01:00 GMT, after midnight)', '2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['the first whole BST day', '2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['the day BST ends (clocks go back at 02:00 BST, after midnight)', '2026-10-25', '2026-10-24T23:00:00.000Z'],
    ['the first whole GMT day after BST', '2026-10-26', '2026-10-26T00:00:00.000Z'],
    ['a leap day in GMT', '2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['New Year', '2027-01-01', '2027-01-01T00:00:00.000Z'],
  ])('%s: %s starts at %s', (_, date, instant) => {
    expect(londonMidnight(date).toISOString()).toBe(instant);
    expect(londonDate(londonMidnight(date))).toBe(date);
    expect(londonDate(new Date(londonMidnight(date).getTime() - 1))).not.toBe(date);
  });

  it.each([
    ['one BST day', { from: '2026-06-01', to: '2026-06-01' }, '2026-05-31T23:00:00.000Z', '2026-06-01T23:00:00.000Z'],
    ['one GMT day', { from: '2026-12-01', to: '2026-12-01' }, '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    [
      'across the spring change (a 23-hour day)',
      { from: '2026-03-29', to: '2026-03-29' },
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T23:00:00.000Z',
    ],
    [
      'across the autumn change (a 25-hour day)',
      { from: '2026-10-25', to: '2026-10-25' },
      '2026-10-24T23:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
    ],
    ['to the last day of a month in BST', { to: '2026-05-31' }, null, '2026-05-31T23:00:00.000Z'],
    ['from a date only', { from: '2026-06-01' }, '2026-05-31T23:00:00.000Z', null],
    ['no dates', {}, null, null],
  ])('%s', (_, period, start, end) => {
    const [from, to] = londonDayRange(period);
    expect(from?.toISOString() ?? null).toBe(start);
    expect(to?.toISOString() ?? null).toBe(end);
  });

  it('00:30 BST on 1 June (23:30Z on 31 May) falls in a range from 1 June and not in one to 31 May', () => {
    const session = new Date('2026-05-31T23:30:00Z');
    const [juneStart] = londonDayRange({ from: '2026-06-01' });
    const [, mayEnd] = londonDayRange({ to: '2026-05-31' });
    expect(session >= (juneStart as Date)).toBe(true);
    expect(session < (mayEnd as Date)).toBe(false);
  });
});
