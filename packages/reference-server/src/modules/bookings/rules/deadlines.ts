import { DateTime } from 'luxon';
import { type CivilDate, parseCivil, ZONE } from './civil-date.js';

/**
 * When booking (or cancelling) a day stops being possible online. Communes write them as
 * « 2 jours avant à 12 h » or « le jeudi midi pour la semaine suivante ».
 */
export type DeadlineRule =
  /** `days` calendar days before the day, at `time` (HH:MM, Paris time). */
  | { kind: 'days_before'; days: number; time: string }
  /** On `weekday` (1 = Monday … 7 = Sunday) of the week before the day's week, at `time`. */
  | { kind: 'weekday_of_previous_week'; weekday: number; time: string };

function atTime(date: DateTime, time: string): DateTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day: ${time}`);
  // That civil date's wall time in Paris; a time skipped by the spring change (02:xx) moves forward.
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Number(match[1]), minute: Number(match[2]) },
    { zone: ZONE },
  );
}

/** The last instant at which `day` can still be booked (or cancelled) under `rule`. */
export function deadlineOf(day: CivilDate, rule: DeadlineRule): Date {
  // Every request and planner asks for the same few (day, rule) pairs: luxon's zone work once each.
  const key = `${day}|${rule.kind}|${rule.kind === 'days_before' ? rule.days : rule.weekday}|${rule.time}`;
  let at = known.get(key);
  if (at === undefined) {
    if (known.size >= KNOWN_MAX) known.clear();
    at = computeDeadline(day, rule).getTime();
    known.set(key, at);
  }
  return new Date(at);
}

const known = new Map<string, number>();
const KNOWN_MAX = 20_000;

function computeDeadline(day: CivilDate, rule: DeadlineRule): Date {
  const date = parseCivil(day);
  if (rule.kind === 'days_before') return atTime(date.minus({ days: rule.days }), rule.time).toJSDate();
  const mondayOfWeek = date.minus({ days: date.weekday - 1 });
  return atTime(mondayOfWeek.minus({ weeks: 1 }).plus({ days: rule.weekday - 1 }), rule.time).toJSDate();
}

/** True while `now` is at or before the deadline of `day`. */
export function beforeDeadline(now: Date, day: CivilDate, rule: DeadlineRule): boolean {
  return now.getTime() <= deadlineOf(day, rule).getTime();
}
