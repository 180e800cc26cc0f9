import { DateTime } from 'luxon';

/** The commune's clock: every civil date and deadline is in this zone. */
export const ZONE = 'Europe/Paris';

/** A civil date `YYYY-MM-DD` (no time, no zone), as the contract carries them. */
export type CivilDate = string;

const CIVIL = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A civil date as a luxon date at midnight UTC: calendar arithmetic on civil dates needs no
 * zone (a day is always a day), and UTC skips the costly Paris offset look-ups. Only
 * instants (deadlines, "today") go through Europe/Paris.
 */
export function parseCivil(date: CivilDate): DateTime {
  const parsed = CIVIL.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('not YYYY-MM-DD');
  if (!parsed.isValid) throw new RangeError(`Not a civil date: ${date}`);
  return parsed;
}

/** The civil date a luxon date stands for, in its own zone. */
export function civil(date: DateTime): CivilDate {
  return date.toISODate() ?? '';
}

/**
 * Midnight UTC of a civil date, in milliseconds. Weekdays and day steps are plain integer
 * arithmetic on these (a third of a booking request's CPU went to luxon doing them).
 */
function utcMidnight(date: CivilDate): number {
  const at = new Date(0);
  if (CIVIL.test(date)) at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // 2026-02-30 would roll over to March: refused, as parseCivil refuses it.
  if (!CIVIL.test(date) || fromUtcMidnight(at.getTime()) !== date) throw new RangeError(`Not a civil date: ${date}`);
  return at.getTime();
}

/** Whether `date` is a day that exists, written YYYY-MM-DD (2026-02-30 is not). */
export function isCivilDate(date: string): boolean {
  try {
    utcMidnight(date);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;
const fromUtcMidnight = (ms: number): CivilDate => new Date(ms).toISOString().slice(0, 10);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: CivilDate): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** The civil date of an instant, in the commune's zone. */
export function civilDateOf(instant: Date): CivilDate {
  return civil(DateTime.fromJSDate(instant, { zone: ZONE }));
}

/** Every civil date from `start` to `end`, both included. */
export function eachDay(start: CivilDate, end: CivilDate): CivilDate[] {
  return eachWeekday(start, end, ALL_WEEK);
}

const ALL_WEEK: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7]);
/** 1970-01-01, day 0 of UTC milliseconds, was a Thursday (ISO weekday 4). */
const EPOCH_WEEKDAY = 4;

/**
 * The civil dates from `start` to `end`, both included, that fall on one of `weekdays`
 * (1 = Monday … 7 = Sunday). The weekday is counted from the day number, and only the days
 * kept are written out: every booking request lists the open days of its period this way.
 */
export function eachWeekday(start: CivilDate, end: CivilDate, weekdays: ReadonlySet<number>): CivilDate[] {
  const days: CivilDate[] = [];
  for (let day = utcMidnight(start), last = utcMidnight(end); day <= last; day += DAY_MS) {
    const fromMonday = (Math.round(day / DAY_MS) + EPOCH_WEEKDAY - 1) % 7; // negative before 1970
    if (weekdays.has(((fromMonday + 7) % 7) + 1)) days.push(fromUtcMidnight(day));
  }
  return days;
}
