const LONDON_ZONE = 'Europe/London';
const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON_ZONE, hour: '2-digit', hourCycle: 'h23' });
const DAY_MS = 86_400_000;

/** The date (YYYY-MM-DD) of an instant as the clinic sees it: days are Europe/London dates. */
export function londonDate(instant: Date): string {
  return LONDON.format(instant);
}

/**
 * The instant a London calendar date (YYYY-MM-DD) begins: 00:00Z in GMT, 23:00Z the day before in BST. The UK
 * changes its clocks at 01:00Z, never at midnight, so London midnight is either UTC midnight or an hour before it.
 */
export function londonMidnight(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const bstMidnight = new Date(utcMidnight - 3_600_000);
  return Number(LONDON_HOUR.format(bstMidnight)) === 0 ? bstMidnight : new Date(utcMidnight);
}

/**
 * A report period of London dates as [start, end) instants: from the start of `from` to the start of the day
 * after `to`; null where the period is open.
 */
export function londonDayRange(period: { from?: string; to?: string }): [start: Date | null, end: Date | null] {
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return [period.from ? londonMidnight(period.from) : null, period.to ? londonMidnight(dayAfter(period.to)) : null];
}

/** The one source of "now": injected so tests can fix time without faking it globally. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Europe/London. */
  today(): string {
    return londonDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
