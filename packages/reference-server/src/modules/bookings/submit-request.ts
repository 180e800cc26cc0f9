import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { nextNumber } from '../../platform/db/sequences.js';
import type { Account } from '../accounts/account.models.js';
import type { Child } from '../families/family.models.js';
import { type Activity, Booking, BookingRequest, BookingRequestLine } from './booking.models.js';
import { type PeriodContext, periodStatus } from './period-context.js';
import { releasePlace, takePlace } from './places.js';
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

/**
 * Applies a booking request in the caller's write transaction: all its lines or none.
 * Lines are applied in (activity, date) order so two requests always lock day counters in
 * the same order (no deadlock on PostgreSQL); answers keep the parent's order.
 */
export async function applyBookingRequest(
  args: { communeId: string; familyId: string; child: Child; account: Account; ctx: PeriodContext; lines: RequestedLine[]; now: Date },
  transaction: Transaction,
): Promise<BookingRequest> {
  const { communeId, child, ctx, now } = args;
  const number = await nextNumber(communeId, 'booking_request', transaction);
  const periodOpen = periodStatus(ctx.period, now) === 'open';
  const order = args.lines
    .map((line, position) => ({ line, position }))
    .sort((a, b) => a.line.activityId.localeCompare(b.line.activityId) || a.line.date.localeCompare(b.line.date));
  const decided = new Map<number, Decided>();

  for (const { line, position } of order) {
    const activity = ctx.activity(line.activityId);
    decided.set(position, await applyLine({ communeId, childId: child.id, activity, ctx, line, now, periodOpen }, transaction));
  }

  const outcomes = args.lines.map((_, position) => decided.get(position)?.outcome ?? 'refused');
  const request = await BookingRequest.create(
    {
      id: randomUUID(),
      commune_id: communeId,
      number,
      family_id: args.familyId,
      child_id: child.id,
      period_id: ctx.period.id,
      account_id: args.account.id,
      status: requestStatus(outcomes),
      created_at: now,
    },
    { transaction },
  );
  request.lines = await BookingRequestLine.bulkCreate(
    args.lines.map((line, position) => ({
      id: randomUUID(),
      request_id: request.id,
      date: line.date,
      activity_id: line.activityId,
      action: line.action,
      outcome: decided.get(position)?.outcome ?? 'refused',
      reason: decided.get(position)?.reason ?? null,
      position,
    })),
    { transaction },
  );
  return request;
}

async function applyLine(
  a: {
    communeId: string;
    childId: string;
    activity: Activity | undefined;
    ctx: PeriodContext;
    line: RequestedLine;
    now: Date;
    periodOpen: boolean;
  },
  transaction: Transaction,
): Promise<Decided> {
  const { activity, line } = a;
  if (!activity || line.date < a.ctx.period.start_date || line.date > a.ctx.period.end_date) return refused('not_in_period');
  if (!a.ctx.runsOn(activity, line.date)) return refused('closed');
  const key = { child_id: a.childId, activity_id: activity.id, date: line.date };
  const existing = await Booking.findOne({ where: key, transaction });
  const held = existing !== null && ACTIVE_STATES.includes(existing.state as CellState);

  if (line.action === 'cancel') {
    if (!existing || !held) return refused('not_booked');
    if (!beforeDeadline(a.now, line.date, activity.cancellationRule)) return refused('deadline_passed');
    if (existing.state === 'booked') {
      await releasePlace(activity.id, line.date, transaction);
    }
    await existing.update({ state: 'cancelled', updated_at: a.now }, { transaction });
    return { outcome: 'accepted', reason: null };
  }

  if (held) return refused('already_booked');
  if (!a.periodOpen) return refused('period_not_open');
  if (!a.ctx.enrolledOn(activity.id, line.date)) return refused('not_enrolled');
  if (!beforeDeadline(a.now, line.date, activity.bookingRule)) return refused('deadline_passed');

  let state: 'booked' | 'pending' | 'waiting_list';
  if (activity.processing === 'staff_review') {
    state = 'pending'; // a place is taken only when staff accept
  } else {
    if (await takePlace(activity, line.date, a.communeId, transaction)) state = 'booked';
    else if (activity.overflow === 'waiting_list') state = 'waiting_list';
    else return refused('full');
  }
  if (existing) await existing.update({ state, updated_at: a.now }, { transaction });
  else await Booking.create({ id: randomUUID(), commune_id: a.communeId, ...key, state, updated_at: a.now }, { transaction });
  return { outcome: state === 'booked' ? 'accepted' : state, reason: null };
}
