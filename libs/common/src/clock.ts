const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) of an instant as the clinic sees it: days are Europe/London dates. */
export function londonDate(instant: Date): string {
  return LONDON.format(instant);
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
