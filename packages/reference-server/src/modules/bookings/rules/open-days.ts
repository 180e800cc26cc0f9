import { type CivilDate, eachWeekday, isCivilDate, weekday } from './civil-date.js';

export interface DateRange {
  start: CivilDate;
  end: CivilDate;
}

/**
 * The days of a period an activity runs: its weekdays (1 = Monday … 7 = Sunday), less the
 * commune's closures and school holidays. Civil dates compare as strings (YYYY-MM-DD).
 */
export function openDays(period: DateRange, weekdays: readonly number[], closures: readonly DateRange[]): CivilDate[] {
  return eachWeekday(period.start, period.end, new Set(weekdays)).filter((day) => !closedOn(day, closures));
}

/** Whether `day` is one of `openDays(period, weekdays, closures)`, without listing them (false for a date that does not exist). */
export function isOpenDay(day: CivilDate, period: DateRange, weekdays: readonly number[], closures: readonly DateRange[]): boolean {
  if (day < period.start || day > period.end || !isCivilDate(day)) return false;
  return weekdays.includes(weekday(day)) && !closedOn(day, closures);
}

function closedOn(day: CivilDate, closures: readonly DateRange[]): boolean {
  return closures.some((closure) => closure.start <= day && day <= closure.end);
}
