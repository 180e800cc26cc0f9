import { type CivilDate, eachDay, weekday } from './civil-date.js';

export interface DateRange {
  start: CivilDate;
  end: CivilDate;
}

/**
 * The days of a period an activity runs: its weekdays (1 = Monday … 7 = Sunday), less the
 * commune's closures and school holidays. Civil dates compare as strings (YYYY-MM-DD).
 */
export function openDays(period: DateRange, weekdays: readonly number[], closures: readonly DateRange[]): CivilDate[] {
  const runs = new Set(weekdays);
  return eachDay(period.start, period.end).filter(
    (day) => runs.has(weekday(day)) && !closures.some((closure) => closure.start <= day && day <= closure.end),
  );
}
