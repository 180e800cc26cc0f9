import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { HttpProblem } from '../../platform/http/problem.js';
import { Child } from '../families/family.models.js';
import {
  Activity,
  ActivityDay,
  Booking,
  BookingPeriod,
  BookingRequest,
  BookingRequestLine,
  Closure,
  Enrolment,
  Facility,
} from './booking.models.js';
import { DayPlaces, releasePlace } from './places.js';
import { ACTIVE_STATES } from './rules/cell-status.js';
import { type CivilDate, civilDateOf, eachDay, parseCivil } from './rules/civil-date.js';
import type { DeadlineRule } from './rules/deadlines.js';
import { toActivity } from './serialize.js';
import type { Promotion } from './submit-request.js';
import { requestStatus } from './submit-request.js';

/**
 * The staff back office of the bookings catalogue: facilities, activities, booking periods,
 * closures and enrolments. Every function runs in the caller's write transaction and keeps
 * the commune (tenant) in every query.
 */

// --- serialisation -------------------------------------------------------------------

export function toStaffActivity(a: Activity) {
  return { ...toActivity(a), facilityId: a.facility_id, weekdays: a.weekdayList, position: a.position };
}

export function toStaffFacility(facility: Facility, activities: Activity[]) {
  return {
    id: facility.id,
    name: facility.name,
    activities: activities
      .filter((a) => a.facility_id === facility.id)
      .sort((x, y) => x.position - y.position || x.name.localeCompare(y.name))
      .map(toStaffActivity),
  };
}

export function toClosure(c: Closure) {
  return { id: c.id, facilityId: c.facility_id, start: c.start_date, end: c.end_date, label: c.label };
}

export function toEnrolment(e: Enrolment, activity: Activity | undefined) {
  return {
    id: e.id,
    childId: e.child_id,
    activityId: e.activity_id,
    activityName: activity?.name ?? '',
    facilityId: activity?.facility_id ?? '',
    validFrom: e.valid_from,
    validTo: e.valid_to,
  };
}

// --- validation ------------------------------------------------------------------------

type FieldError = { path: string; message: string };

function refuse(errors: FieldError[]): never {
  throw new HttpProblem(400, 'validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join(' '), { errors });
}

function isCivil(date: string): boolean {
  try {
    parseCivil(date);
    return true;
  } catch {
    return false;
  }
}

/** Collects the errors of a civil date range: real dates, start ≤ end, at most `maxDays` long. */
function checkRange(errors: FieldError[], names: { start: string; end: string }, start: string, end: string, maxDays?: number): void {
  if (!isCivil(start)) errors.push({ path: `/body/${names.start}`, message: 'not a calendar date' });
  if (!isCivil(end)) errors.push({ path: `/body/${names.end}`, message: 'not a calendar date' });
  if (errors.length > 0) return;
  if (start > end) errors.push({ path: `/body/${names.end}`, message: `must be on or after ${names.start}` });
  else if (maxDays !== undefined && eachDay(start, end).length > maxDays)
    errors.push({ path: `/body/${names.end}`, message: `a range spans at most ${maxDays} days` });
}

/** Only the fields of the rule's kind are kept (the contract lets unknown ones through). */
function deadlineRule(rule: DeadlineRule): string {
  const clean: DeadlineRule =
    rule.kind === 'days_before'
      ? { kind: 'days_before', days: rule.days, time: rule.time }
      : { kind: 'weekday_of_previous_week', weekday: rule.weekday, time: rule.time };
  return JSON.stringify(clean);
}

// --- facilities and activities ---------------------------------------------------------

export async function facilityOf(communeId: string, facilityId: string, transaction?: Transaction): Promise<Facility> {
  const facility = await Facility.findOne({ where: { id: facilityId, commune_id: communeId }, transaction });
  if (!facility) throw new HttpProblem(404, 'not_found');
  return facility;
}

export async function activitiesOf(communeId: string, facilityIds: string[], transaction?: Transaction): Promise<Activity[]> {
  return Activity.findAll({ where: { commune_id: communeId, facility_id: facilityIds }, transaction });
}

export interface ActivityBody {
  name: string;
  unit?: Activity['unit'];
  processing?: Activity['processing'];
  bookingDeadline: DeadlineRule;
  cancellationDeadline: DeadlineRule;
  capacityPerDay?: number | null;
  overflow?: Activity['overflow'];
  weekdays: number[];
  position?: number;
}

export async function insertActivity(facility: Facility, body: ActivityBody, transaction: Transaction): Promise<Activity> {
  return Activity.create(
    {
      id: randomUUID(),
      commune_id: facility.commune_id,
      facility_id: facility.id,
      name: body.name.trim(),
      unit: body.unit ?? 'day',
      processing: body.processing ?? 'immediate',
      booking_deadline: deadlineRule(body.bookingDeadline),
      cancellation_deadline: deadlineRule(body.cancellationDeadline),
      capacity_per_day: body.capacityPerDay ?? null,
      overflow: body.overflow ?? 'refuse',
      weekdays: JSON.stringify([...body.weekdays].sort()),
      position: body.position ?? 0,
    },
    { transaction },
  );
}

/**
 * Changes an activity. A lower capacity is checked against the day counters (the same rows
 * takePlace updates conditionally) from today on: a day already holding more is never
 * silently overbooked — the change is refused and the problem lists those days. A higher
 * capacity gives its new places to the waiting lists of the coming days (answered, so the
 * families can be told).
 */
export async function changeActivity(
  communeId: string,
  activityId: string,
  patch: Partial<ActivityBody>,
  transaction: Transaction,
): Promise<{ activity: Activity; promoted: Promotion[] }> {
  // Locked for update (PostgreSQL): booking requests and staff decisions share-lock the
  // activity while they take places, so they finish before this check, or read the new capacity.
  const activity = await Activity.findOne({ where: { id: activityId, commune_id: communeId }, lock: transaction.LOCK.UPDATE, transaction });
  if (!activity) throw new HttpProblem(404, 'not_found');
  const capacity = patch.capacityPerDay;
  const capacityBefore = activity.capacity_per_day;
  if (typeof capacity === 'number' && (activity.capacity_per_day === null || capacity < activity.capacity_per_day)) {
    // Every coming day's counter is locked (PostgreSQL; SQLite's single writer already
    // serialises): a place being taken right now is waited for and counted, not missed.
    // Filtering on `booked` in SQL would skip a row whose count is rising under us.
    const days = await ActivityDay.findAll({
      where: { activity_id: activity.id, date: { [Op.gte]: civilDateOf(new Date()) } },
      attributes: ['activity_id', 'date', 'booked'],
      order: [['date', 'ASC']],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    const over = days.filter((d) => d.booked > capacity);
    if (over.length > 0) {
      const most = Math.max(...over.map((d) => d.booked));
      throw new HttpProblem(
        409,
        'capacity_below_bookings',
        `${over.length} day(s) already hold more than ${capacity} booking(s) (up to ${most}); cancel bookings or choose at least ${most}.`,
        { dates: over.map((d) => d.date) },
      );
    }
  }
  await activity.update(
    {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.processing !== undefined ? { processing: patch.processing } : {}),
      ...(patch.bookingDeadline !== undefined ? { booking_deadline: deadlineRule(patch.bookingDeadline) } : {}),
      ...(patch.cancellationDeadline !== undefined ? { cancellation_deadline: deadlineRule(patch.cancellationDeadline) } : {}),
      ...(capacity !== undefined ? { capacity_per_day: capacity } : {}),
      ...(patch.overflow !== undefined ? { overflow: patch.overflow } : {}),
      ...(patch.weekdays !== undefined ? { weekdays: JSON.stringify([...patch.weekdays].sort()) } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
    },
    { transaction },
  );
  const moreRoom = capacity !== undefined && capacityBefore !== null && (capacity === null || capacity > capacityBefore);
  const promoted = moreRoom
    ? await new DayPlaces(communeId, transaction).promoteOnMoreRoom(activity, civilDateOf(new Date()), new Date())
    : [];
  return { activity, promoted };
}

// --- booking periods -------------------------------------------------------------------

export interface PeriodBody {
  facilityId: string;
  name: string;
  start: string;
  end: string;
  opensAt: string;
  closesAt: string;
  activityIds: string[];
}

/** A period covers at most a school year and a bit: the planner walks each of its days. */
const MAX_PERIOD_DAYS = 400;

async function checkPeriod(communeId: string, p: PeriodBody, transaction: Transaction): Promise<void> {
  const errors: FieldError[] = [];
  checkRange(errors, { start: 'start', end: 'end' }, p.start, p.end, MAX_PERIOD_DAYS);
  const opensAt = new Date(p.opensAt);
  const closesAt = new Date(p.closesAt);
  if (Number.isNaN(opensAt.getTime())) errors.push({ path: '/body/opensAt', message: 'not an instant' });
  else if (Number.isNaN(closesAt.getTime())) errors.push({ path: '/body/closesAt', message: 'not an instant' });
  else if (opensAt >= closesAt) errors.push({ path: '/body/closesAt', message: 'must be after opensAt' });
  const own = await Activity.count({ where: { commune_id: communeId, facility_id: p.facilityId, id: p.activityIds }, transaction });
  if (own !== new Set(p.activityIds).size)
    errors.push({ path: '/body/activityIds', message: 'every activity must belong to the facility' });
  if (errors.length > 0) refuse(errors);
}

export async function insertPeriod(communeId: string, body: PeriodBody, transaction: Transaction): Promise<BookingPeriod> {
  const facility = await Facility.findOne({ where: { id: body.facilityId, commune_id: communeId }, transaction });
  if (!facility) refuse([{ path: '/body/facilityId', message: 'no such facility' }]);
  await checkPeriod(communeId, body, transaction);
  return BookingPeriod.create(
    {
      id: randomUUID(),
      commune_id: communeId,
      facility_id: facility.id,
      name: body.name.trim(),
      start_date: body.start,
      end_date: body.end,
      opens_at: new Date(body.opensAt),
      closes_at: new Date(body.closesAt),
      activity_ids: JSON.stringify(body.activityIds),
    },
    { transaction },
  );
}

export async function periodOf(communeId: string, periodId: string, transaction?: Transaction): Promise<BookingPeriod> {
  const period = await BookingPeriod.findOne({ where: { id: periodId, commune_id: communeId }, transaction });
  if (!period) throw new HttpProblem(404, 'not_found');
  return period;
}

export async function changePeriod(
  communeId: string,
  periodId: string,
  patch: Partial<Omit<PeriodBody, 'facilityId'>>,
  transaction: Transaction,
): Promise<BookingPeriod> {
  const period = await periodOf(communeId, periodId, transaction);
  const next: PeriodBody = {
    facilityId: period.facility_id,
    name: patch.name ?? period.name,
    start: patch.start ?? period.start_date,
    end: patch.end ?? period.end_date,
    opensAt: patch.opensAt ?? period.opens_at.toISOString(),
    closesAt: patch.closesAt ?? period.closes_at.toISOString(),
    activityIds: patch.activityIds ?? period.activityIdList,
  };
  await checkPeriod(communeId, next, transaction);
  await period.update(
    {
      name: next.name.trim(),
      start_date: next.start,
      end_date: next.end,
      opens_at: new Date(next.opensAt),
      closes_at: new Date(next.closesAt),
      activity_ids: JSON.stringify(next.activityIds),
    },
    { transaction },
  );
  return period;
}

/** A period is deleted only while nobody has made a request in it (requests belong to it). */
export async function removePeriod(communeId: string, periodId: string, transaction: Transaction): Promise<void> {
  const period = await periodOf(communeId, periodId, transaction);
  const requests = await BookingRequest.count({ where: { commune_id: communeId, period_id: period.id }, transaction });
  if (requests > 0) throw new HttpProblem(409, 'period_has_bookings', `${requests} booking request(s) were made in this period.`);
  await period.destroy({ transaction });
}

// --- closures ----------------------------------------------------------------------------

export interface ClosureBody {
  facilityId: string | null;
  start: string;
  end: string;
  label: string;
}

export interface CancelledBooking {
  bookingId: string;
  childId: string;
  activityId: string;
  date: CivilDate;
}

/**
 * Closes days: the closure row, then every active booking of those days (of the facility,
 * or of the whole commune) is cancelled — a booked place given back through releasePlace —
 * and the request lines still waiting on them are refused as « closed ». All in the
 * caller's transaction: the closure and its cancellations happen together or not at all.
 */
export async function insertClosure(
  communeId: string,
  body: ClosureBody,
  transaction: Transaction,
): Promise<{ closure: Closure; facility: Facility | null; cancelled: CancelledBooking[] }> {
  const errors: FieldError[] = [];
  checkRange(errors, { start: 'start', end: 'end' }, body.start, body.end);
  const facility = body.facilityId ? await Facility.findOne({ where: { id: body.facilityId, commune_id: communeId }, transaction }) : null;
  if (body.facilityId && !facility) errors.push({ path: '/body/facilityId', message: 'no such facility' });
  if (errors.length > 0) refuse(errors);

  const closure = await Closure.create(
    {
      id: randomUUID(),
      commune_id: communeId,
      facility_id: facility?.id ?? null,
      start_date: body.start,
      end_date: body.end,
      label: body.label.trim(),
    },
    { transaction },
  );
  // Locked for update, in id order (PostgreSQL): a booking request in flight on these
  // activities commits first and its bookings are cancelled below, or it waits and then
  // sees the closure (requests share-lock their activities before judging the days).
  const activities = await Activity.findAll({
    where: { commune_id: communeId, ...(facility ? { facility_id: facility.id } : {}) },
    attributes: ['id'],
    order: [['id', 'ASC']],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
  const bookings = await Booking.findAll({
    where: {
      commune_id: communeId,
      activity_id: activities.map((a) => a.id),
      date: { [Op.between]: [body.start, body.end] },
      state: [...ACTIVE_STATES],
    },
    // Counters are touched in (activity, date) order, like booking requests do: no deadlock.
    order: [
      ['activity_id', 'ASC'],
      ['date', 'ASC'],
    ],
    transaction,
  });
  const now = new Date();
  const waiting: Booking[] = [];
  for (const booking of bookings) {
    if (booking.state === 'booked') await releasePlace(booking.activity_id, booking.date, transaction);
    else waiting.push(booking);
    await booking.update({ state: 'cancelled', updated_at: now }, { transaction });
  }
  await refuseWaitingLines(communeId, waiting, closure.label, transaction);
  return {
    closure,
    facility,
    cancelled: bookings.map((b) => ({ bookingId: b.id, childId: b.child_id, activityId: b.activity_id, date: b.date })),
  };
}

/** Request lines still pending or on a waiting list for days now closed: refused « closed », with the closure's label. */
async function refuseWaitingLines(communeId: string, bookings: Booking[], label: string, transaction: Transaction): Promise<void> {
  if (bookings.length === 0) return;
  const requests = await BookingRequest.findAll({
    where: { commune_id: communeId, child_id: [...new Set(bookings.map((b) => b.child_id))] },
    attributes: ['id', 'child_id'],
    transaction,
  });
  const lines = await BookingRequestLine.findAll({
    where: {
      request_id: requests.map((r) => r.id),
      action: 'add',
      outcome: ['pending', 'waiting_list'],
      date: [...new Set(bookings.map((b) => b.date))],
    },
    transaction,
  });
  const touched = new Set<string>();
  for (const line of lines) {
    const childId = requests.find((r) => r.id === line.request_id)?.child_id;
    if (!bookings.some((b) => b.child_id === childId && b.activity_id === line.activity_id && b.date === line.date)) continue;
    await line.update({ outcome: 'refused', reason: 'closed', comment: label.slice(0, 300) }, { transaction });
    touched.add(line.request_id);
  }
  for (const requestId of touched) {
    const siblings = await BookingRequestLine.findAll({ where: { request_id: requestId }, attributes: ['outcome'], transaction });
    await BookingRequest.update({ status: requestStatus(siblings.map((l) => l.outcome)) }, { where: { id: requestId }, transaction });
  }
}

// --- enrolments ----------------------------------------------------------------------------

/** A child of this commune, or 404 (a child of another commune is « not found »). */
export async function childOfCommune(communeId: string, childId: string, transaction?: Transaction): Promise<Child> {
  const child = await Child.findOne({ where: { id: childId, commune_id: communeId }, attributes: ['id', 'family_id'], transaction });
  if (!child) throw new HttpProblem(404, 'not_found');
  return child;
}

export async function insertEnrolment(
  communeId: string,
  childId: string,
  body: { activityId: string; validFrom: string; validTo: string },
  transaction: Transaction,
): Promise<{ enrolment: Enrolment; activity: Activity }> {
  const errors: FieldError[] = [];
  checkRange(errors, { start: 'validFrom', end: 'validTo' }, body.validFrom, body.validTo);
  const activity = await Activity.findOne({ where: { id: body.activityId, commune_id: communeId }, transaction });
  if (!activity) errors.push({ path: '/body/activityId', message: 'no such activity' });
  if (errors.length > 0 || !activity) refuse(errors);
  const overlapping = await Enrolment.findOne({
    where: {
      commune_id: communeId,
      child_id: childId,
      activity_id: activity.id,
      valid_from: { [Op.lte]: body.validTo },
      valid_to: { [Op.gte]: body.validFrom },
    },
    transaction,
  });
  if (overlapping)
    throw new HttpProblem(
      409,
      'enrolment_overlaps',
      `Already enrolled from ${overlapping.valid_from} to ${overlapping.valid_to}; end that enrolment first.`,
    );
  const enrolment = await Enrolment.create(
    {
      id: randomUUID(),
      commune_id: communeId,
      child_id: childId,
      activity_id: activity.id,
      valid_from: body.validFrom,
      valid_to: body.validTo,
    },
    { transaction },
  );
  return { enrolment, activity };
}

export async function enrolmentOf(communeId: string, enrolmentId: string, transaction?: Transaction): Promise<Enrolment> {
  const enrolment = await Enrolment.findOne({ where: { id: enrolmentId, commune_id: communeId }, transaction });
  if (!enrolment) throw new HttpProblem(404, 'not_found');
  return enrolment;
}

export async function endEnrolment(communeId: string, enrolmentId: string, validTo: string, transaction: Transaction): Promise<Enrolment> {
  const enrolment = await enrolmentOf(communeId, enrolmentId, transaction);
  const errors: FieldError[] = [];
  checkRange(errors, { start: 'validFrom', end: 'validTo' }, enrolment.valid_from, validTo);
  if (errors.length > 0) refuse(errors);
  await enrolment.update({ valid_to: validTo }, { transaction });
  return enrolment;
}
