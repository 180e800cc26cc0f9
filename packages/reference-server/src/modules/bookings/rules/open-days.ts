import { type CivilDate, eachWeekday } from './civil-date.js';

export interface DateRange {
  start: CivilDate;
  end: CivilDate;
}

/**
 * The days of a period an activity runs: its weekdays (1 = Monday … 7 = Sunday), less the
 * commune's closures and school holidays. Civil dates compare as strings (YYYY-MM-DD).
 */
export function openDays(period: DateRange, weekdays: readonly number[], closures: readonly DateRange[]): CivilDate[] {
  return eachWeekday(period.start, period.end, new Set(weekdays)).filter(
    (day) => !closures.some((closure) => closure.start <= day && day <= closure.end),
  );
}
