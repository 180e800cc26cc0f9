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

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: CivilDate): number {
  return parseCivil(date).weekday;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civil(parseCivil(date).plus({ days }));
}

/** The civil date of an instant, in the commune's zone. */
export function civilDateOf(instant: Date): CivilDate {
  return civil(DateTime.fromJSDate(instant, { zone: ZONE }));
}

/** Every civil date from `start` to `end`, both included. */
export function eachDay(start: CivilDate, end: CivilDate): CivilDate[] {
  const days: CivilDate[] = [];
  for (let day = parseCivil(start), last = parseCivil(end); day <= last; day = day.plus({ days: 1 })) days.push(civil(day));
  return days;
}
