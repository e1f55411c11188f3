/**
 * The one injectable clock: deadlines and schedules are tested on a TestClock. Legal dates
 * (contract executed on, deadlines) are dates in Asia/Tokyo; instants are UTC.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class TestClock implements Clock {
  constructor(private current: Date = new Date('2026-04-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const tokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) an instant falls on in Japan. */
export const tokyoDateOf = (at: Date): string => tokyoDate.format(at);

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The shape of a calendar date (YYYY-MM-DD), for input validation; isCalendarDate checks it is real. */
export const CALENDAR_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD (not 2026-02-30). */
export const isCalendarDate = (value: string): boolean => {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
