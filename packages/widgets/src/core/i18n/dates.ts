/** The commune's clock: deadlines, openings and every time the portal shows are Paris time. */
export const PORTAL_TIME_ZONE = 'Europe/Paris';

/** An instant's calendar day and time on the commune's clock, whatever the reader's device is set to. */
export interface ClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: PORTAL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

function clockParts(date: Date): ClockParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of clock.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** « 07/12/2026 » on the commune's clock. */
export function clockDay(date: Date): string {
  const { day, month, year } = clockParts(date);
  return `${pad(day)}/${pad(month)}/${year}`;
}

/** « 14 h 32 » (non-breaking spaces), the French way of writing a time, on the commune's clock. */
export function frenchTime(date: Date): string {
  const { hour, minute } = clockParts(date);
  return `${hour}\u00a0h\u00a0${pad(minute)}`;
}

/** « 14:32 » on the commune's clock. */
export function englishTime(date: Date): string {
  const { hour, minute } = clockParts(date);
  return `${pad(hour)}:${pad(minute)}`;
}

/** True when both instants fall on the same calendar day on the commune's clock. */
export function sameDay(a: Date, b: Date): boolean {
  return clockDay(a) === clockDay(b);
}
