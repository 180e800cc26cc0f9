import type { CivilDate } from './civil-date.js';
import { type DeadlineRule, deadlineOf } from './deadlines.js';

export type LockedReason = 'deadline_passed' | 'closed' | 'full' | 'not_enrolled' | 'period_not_open';
export type CellState = 'none' | 'booked' | 'pending' | 'waiting_list' | 'refused' | 'cancelled' | 'excused_absence';

/** States that hold (or wait for) a place: what a cancellation undoes. */
export const ACTIVE_STATES: readonly CellState[] = ['booked', 'pending', 'waiting_list'];

export interface CellFacts {
  now: Date;
  date: CivilDate;
  state: CellState;
  periodOpen: boolean;
  enrolled: boolean;
  /** The activity does not run that day (weekday, closure, holiday). */
  closed: boolean;
  placesLeft: number | null;
  overflow: 'refuse' | 'waiting_list';
  bookingRule: DeadlineRule;
  cancellationRule: DeadlineRule;
}

export interface CellStatus {
  changeable: boolean;
  lockedReason: LockedReason | null;
  /** Until when the cell can change: the booking deadline when free, the cancellation one when held. */
  deadline: Date;
}

/** Whether a parent can change one day × activity right now, and if not, why (first reason wins). */
export function cellStatus(f: CellFacts): CellStatus {
  const held = ACTIVE_STATES.includes(f.state);
  const deadline = deadlineOf(f.date, held ? f.cancellationRule : f.bookingRule);
  const locked = (reason: LockedReason): CellStatus => ({ changeable: false, lockedReason: reason, deadline });
  if (f.state === 'excused_absence' || f.closed) return locked('closed');
  if (f.now.getTime() > deadline.getTime()) return locked('deadline_passed');
  if (held) return { changeable: true, lockedReason: null, deadline };
  if (!f.periodOpen) return locked('period_not_open');
  if (!f.enrolled) return locked('not_enrolled');
  if (f.placesLeft === 0 && f.overflow === 'refuse') return locked('full');
  return { changeable: true, lockedReason: null, deadline };
}
