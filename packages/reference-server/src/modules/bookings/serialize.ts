import type { Transaction } from 'sequelize';
import { Account } from '../accounts/account.models.js';
import { Child } from '../families/family.models.js';
import {
  Activity,
  type BookingPeriod,
  type BookingRequest,
  BookingRequestLine,
  type BookingRequestLineRow,
  type BookingRequestRow,
} from './booking.models.js';
import { periodStatus } from './period-context.js';

export function toActivity(a: Activity) {
  return {
    id: a.id,
    name: a.name,
    unit: a.unit,
    processing: a.processing,
    bookingDeadline: a.bookingRule,
    cancellationDeadline: a.cancellationRule,
    capacityPerDay: a.capacity_per_day,
    overflow: a.overflow,
  };
}

export function toPeriod(p: BookingPeriod, now: Date) {
  return {
    id: p.id,
    facilityId: p.facility_id,
    name: p.name,
    start: p.start_date,
    end: p.end_date,
    opensAt: p.opens_at.toISOString(),
    closesAt: p.closes_at.toISOString(),
    status: periodStatus(p, now),
    activityIds: p.activityIdList,
  };
}

/** The names a request is shown with. */
export interface RequestNames {
  periodName: string;
  childName: string;
  referentName: string;
  activityName: (activityId: string) => string;
}

/** The contract's BookingRequest, from rows already at hand: lines in the order the parent sent them. */
export function bookingRequestView(request: BookingRequestRow, lines: BookingRequestLineRow[], names: RequestNames) {
  return {
    id: request.id,
    number: request.number,
    childId: request.child_id,
    childName: names.childName,
    periodId: request.period_id,
    periodName: names.periodName,
    referent: { accountId: request.account_id, displayName: names.referentName },
    status: request.status,
    createdAt: request.created_at.toISOString(),
    lines: [...lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        date: l.date,
        activityId: l.activity_id,
        activityName: names.activityName(l.activity_id),
        action: l.action,
        outcome: l.outcome,
        reason: l.reason,
        comment: l.comment ?? null,
      })),
  };
}

/** The contract's BookingRequest, names loaded. */
export async function toBookingRequest(request: BookingRequest, periodName: string, transaction?: Transaction) {
  const [lines, child, referent] = await Promise.all([
    request.lines ?? BookingRequestLine.findAll({ where: { request_id: request.id }, transaction }),
    Child.findOne({ where: { id: request.child_id }, attributes: ['first_name', 'last_name'], transaction }),
    Account.findOne({ where: { id: request.account_id }, attributes: ['id', 'display_name'], transaction }),
  ]);
  const activities = await Activity.findAll({
    where: { id: [...new Set(lines.map((l) => l.activity_id))] },
    attributes: ['id', 'name'],
    transaction,
  });
  return bookingRequestView(request, lines, {
    periodName,
    childName: child ? `${child.first_name} ${child.last_name}` : '',
    referentName: referent?.display_name ?? '',
    activityName: (id) => activities.find((a) => a.id === id)?.name ?? '',
  });
}
