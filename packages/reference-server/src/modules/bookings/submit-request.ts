import type { Sequelize, Transaction } from 'sequelize';
import type { Statement } from '../../platform/db/batch.js';
import { nextNumber } from '../../platform/db/sequences.js';
import { timeOrderedId } from '../../platform/ids.js';
import type { Account } from '../accounts/account.models.js';
import type { Child } from '../families/family.models.js';
import type { Activity, BookingRequest, BookingRequestLineRow, BookingRequestRow } from './booking.models.js';
import { type PeriodContext, periodStatus } from './period-context.js';
import { DayPlaces, dayKey, type StoredBooking } from './places.js';
import { ACTIVE_STATES, type CellState } from './rules/cell-status.js';
import { beforeDeadline } from './rules/deadlines.js';

export interface RequestedLine {
  date: string;
  activityId: string;
  action: 'add' | 'cancel';
}

type Outcome = 'accepted' | 'pending' | 'waiting_list' | 'refused';
type Reason =
  | 'deadline_passed'
  | 'closed'
  | 'full'
  | 'not_enrolled'
  | 'period_not_open'
  | 'not_in_period'
  | 'already_booked'
  | 'not_booked';
interface Decided {
  outcome: Outcome;
  reason: Reason | null;
}

const refused = (reason: Reason): Decided => ({ outcome: 'refused', reason });

/** accepted / refused when every line agrees; pending when nothing is refused but something waits. */
export function requestStatus(outcomes: Outcome[]): BookingRequest['status'] {
  if (outcomes.every((o) => o === 'refused')) return 'refused';
  if (outcomes.every((o) => o === 'accepted')) return 'accepted';
  return outcomes.includes('refused') ? 'partially_accepted' : 'pending';
}

/** A booking given a place because a request cancelled the day it was waiting for. */
export interface Promotion {
  childId: string;
  activityId: string;
  date: string;
}

interface Judged {
  line: RequestedLine;
  position: number;
  activity: Activity;
  existing: StoredBooking | undefined;
}

/**
 * Applies a booking request in the caller's write transaction: all its lines or none.
 * The same few round trips whatever the number of lines (the request is one serialised
 * write on SQLite, so each one saved is throughput): one volley of reads — the catalogue,
 * the request number, the child's bookings on the requested days, the days' place
 * counters, locked — then every write in one batch. Answers keep the parent's order.
 */
export async function applyBookingRequest(
  args: { communeId: string; familyId: string; child: Child; account: Account; base: PeriodContext; lines: RequestedLine[]; now: Date },
  transaction: Transaction,
  /** Statements to write in the same batch as the request (the idempotency key with its answer). */
  alsoWrite: (request: BookingRequestRow, lines: BookingRequestLineRow[], ctx: PeriodContext) => Statement[] = () => [],
): Promise<{ request: BookingRequestRow; lines: BookingRequestLineRow[]; promoted: Promotion[]; ctx: PeriodContext }> {
  const { communeId, child, now } = args;
  const places = new DayPlaces(communeId, transaction);
  // The days of the request that can be judged: their place counters get locked.
  const { period } = args.base;
  const periodIds = new Set(period.activityIdList);
  const days = args.lines
    .filter((l) => periodIds.has(l.activityId) && l.date >= period.start_date && l.date <= period.end_date)
    .map((l) => ({ activityId: l.activityId, date: l.date }));
  // The catalogue as of this transaction (capacity and closures staff may have changed), the
  // request's number, the child's bookings on those days, and the days' counters. SQLite has
  // one writer at a time: all are sent at once and queue on the connection without waiting
  // for this code in between. On PostgreSQL one after the other (a client runs one query at
  // a time; pg 9 refuses overlapping ones), in the order of the row locks every writer takes
  // — the activities, then the number, then the counters — so writers, and staff changing an
  // activity, wait for one another instead of deadlocking.
  const pipelined = (transaction as Transaction & { sequelize: Sequelize }).sequelize.getDialect() === 'sqlite';
  const reads = [
    () => args.base.withCatalogue(communeId, transaction),
    () => nextNumber(communeId, 'booking_request', transaction),
    () => places.bookingsOf(child.id, days),
    () => places.lock(days),
  ] as const;
  const [ctx, number, existing] = pipelined
    ? await Promise.all([reads[0](), reads[1](), reads[2](), reads[3]()])
    : [await reads[0](), await reads[1](), await reads[2](), await reads[3]()];
  const periodOpen = periodStatus(ctx.period, now) === 'open';
  const decided = new Map<number, Decided>();

  // Rules that need no database: the day is in the period and the activity runs then.
  const candidates: Judged[] = [];
  args.lines.forEach((line, position) => {
    const activity = ctx.activity(line.activityId);
    if (!activity || line.date < ctx.period.start_date || line.date > ctx.period.end_date) {
      decided.set(position, refused('not_in_period'));
    } else if (!ctx.runsOn(activity, line.date)) {
      decided.set(position, refused('closed'));
    } else {
      candidates.push({ line, position, activity, existing: existing.get(dayKey(line.activityId, line.date)) });
    }
  });

  for (const c of candidates) decided.set(c.position, judge(c, { ctx, now, periodOpen, places, childId: child.id }));

  const outcomes = args.lines.map((_, position) => decided.get(position)?.outcome ?? 'refused');
  // Plain rows, not model instances: building them was a tenth of a request's CPU, and they are only written and answered.
  const request: BookingRequestRow = {
    id: timeOrderedId(),
    commune_id: communeId,
    number,
    family_id: args.familyId,
    child_id: child.id,
    period_id: ctx.period.id,
    account_id: args.account.id,
    status: requestStatus(outcomes),
    created_at: now,
  };
  const lines = args.lines.map(
    (line, position): BookingRequestLineRow => ({
      id: timeOrderedId(),
      request_id: request.id,
      date: line.date,
      activity_id: line.activityId,
      action: line.action,
      outcome: decided.get(position)?.outcome ?? 'refused',
      reason: decided.get(position)?.reason ?? null,
      comment: null,
      position,
    }),
  );
  const promoted = await places.save(now, [...places.requestStatements(request, lines), ...alsoWrite(request, lines, ctx)]);
  return { request, lines, promoted, ctx };
}

/** One line's outcome, recorded in `places` (nothing is written yet). */
function judge(c: Judged, a: { ctx: PeriodContext; now: Date; periodOpen: boolean; places: DayPlaces; childId: string }): Decided {
  const { activity, line, existing } = c;
  const held = existing !== undefined && ACTIVE_STATES.includes(existing.state as CellState);
  const day = { activity, date: line.date };

  if (line.action === 'cancel') {
    if (!existing || !held) return refused('not_booked');
    if (!beforeDeadline(a.now, line.date, activity.cancellationRule)) return refused('deadline_passed');
    a.places.setState(a.childId, day, existing, 'cancelled');
    return { outcome: 'accepted', reason: null };
  }

  if (held) return refused('already_booked');
  if (!a.periodOpen) return refused('period_not_open');
  if (!a.ctx.enrolledOn(activity.id, line.date)) return refused('not_enrolled');
  if (!beforeDeadline(a.now, line.date, activity.bookingRule)) return refused('deadline_passed');

  let state: 'booked' | 'pending' | 'waiting_list';
  if (activity.processing === 'staff_review')
    state = 'pending'; // a place is taken only when staff accept
  else if (a.places.hasRoom(day)) state = 'booked';
  else if (activity.overflow === 'waiting_list') state = 'waiting_list';
  else return refused('full');
  a.places.setState(a.childId, day, existing, state);
  return { outcome: state === 'booked' ? 'accepted' : state, reason: null };
}
