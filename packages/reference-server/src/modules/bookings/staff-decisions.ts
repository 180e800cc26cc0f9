import type { Transaction } from 'sequelize';
import { audit } from '../audit/audit.js';
import { Child, Family } from '../families/family.models.js';
import { Activity, Booking, BookingRequest, BookingRequestLine } from './booking.models.js';
import { takePlace } from './places.js';
import { requestStatus } from './submit-request.js';

export type DecisionState = 'booked' | 'waiting_list' | 'refused' | 'not_pending';

/** The pending bookings of a commune, oldest day first, with what staff need to decide. */
export async function pendingBookings(communeId: string, query: { activityId?: string; limit: number }) {
  const bookings = await Booking.findAll({
    where: { commune_id: communeId, state: 'pending', ...(query.activityId ? { activity_id: query.activityId } : {}) },
    order: [['date', 'ASC']],
    limit: query.limit,
  });
  const [children, activities] = await Promise.all([
    Child.findAll({
      where: { id: [...new Set(bookings.map((b) => b.child_id))] },
      attributes: ['id', 'first_name', 'last_name', 'family_id'],
    }),
    Activity.findAll({ where: { id: [...new Set(bookings.map((b) => b.activity_id))] }, attributes: ['id', 'name'] }),
  ]);
  const families = await Family.findAll({ where: { id: [...new Set(children.map((c) => c.family_id))] }, attributes: ['id', 'number'] });
  return Promise.all(
    bookings.map(async (b) => {
      const child = children.find((c) => c.id === b.child_id);
      const line = await pendingLineOf(b);
      const request = line ? await BookingRequest.findOne({ where: { id: line.request_id }, attributes: ['number'] }) : null;
      return {
        bookingId: b.id,
        date: b.date,
        activityId: b.activity_id,
        activityName: activities.find((a) => a.id === b.activity_id)?.name ?? '',
        childId: b.child_id,
        childName: child ? `${child.first_name} ${child.last_name}` : '',
        familyNumber: families.find((f) => f.id === child?.family_id)?.number ?? '',
        requestNumber: request?.number ?? null,
      };
    }),
  );
}

/** The request line that asked for this pending booking (the newest pending add). */
async function pendingLineOf(booking: Booking, transaction?: Transaction): Promise<BookingRequestLine | null> {
  const requests = await BookingRequest.findAll({ where: { child_id: booking.child_id }, attributes: ['id'], transaction });
  return BookingRequestLine.findOne({
    where: {
      request_id: requests.map((r) => r.id),
      activity_id: booking.activity_id,
      date: booking.date,
      action: 'add',
      outcome: 'pending',
    },
    order: [['position', 'DESC']],
    transaction,
  });
}

/**
 * Applies one staff decision in the caller's write transaction. Acceptance takes a place
 * with the same conditional update as an immediate booking, so staff cannot overbook either.
 */
export async function decide(
  args: {
    communeId: string;
    actorId: string;
    bookingId: string;
    decision: 'accept' | 'refuse';
    comment?: string | undefined;
    ip?: string | undefined;
  },
  transaction: Transaction,
): Promise<DecisionState> {
  const booking = await Booking.findOne({ where: { id: args.bookingId, commune_id: args.communeId }, transaction });
  if (!booking || booking.state !== 'pending') return 'not_pending';
  // Share-locked (PostgreSQL): a capacity change waits for this decision, or this decision reads the new capacity.
  const activity = await Activity.findOne({ where: { id: booking.activity_id }, lock: transaction.LOCK.KEY_SHARE, transaction });
  let state: Exclude<DecisionState, 'not_pending'> = 'refused';
  if (args.decision === 'accept' && activity) {
    const took = await takePlace(activity, booking.date, args.communeId, transaction);
    state = took ? 'booked' : activity.overflow === 'waiting_list' ? 'waiting_list' : 'refused';
  }
  await booking.update({ state, updated_at: new Date() }, { transaction });

  const line = await pendingLineOf(booking, transaction);
  if (line) {
    const full = args.decision === 'accept' && state === 'refused';
    await line.update(
      {
        outcome: state === 'booked' ? 'accepted' : state,
        reason: state === 'refused' ? (full ? 'full' : 'refused_by_staff') : null,
        comment: state === 'refused' && !full ? (args.comment ?? null) : null,
      },
      { transaction },
    );
    const siblings = await BookingRequestLine.findAll({ where: { request_id: line.request_id }, attributes: ['outcome'], transaction });
    await BookingRequest.update({ status: requestStatus(siblings.map((l) => l.outcome)) }, { where: { id: line.request_id }, transaction });
  }
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: `booking.${args.decision === 'accept' ? 'accepted' : 'refused'}`,
      target: { type: 'booking', id: booking.id },
      ip: args.ip,
    },
    transaction,
  );
  return state;
}
