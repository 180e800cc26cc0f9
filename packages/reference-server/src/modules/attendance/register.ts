import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import { Activity, Booking, type BookingStateName, Enrolment, Facility } from '../bookings/booking.models.js';
import { civilDateOf, weekday } from '../bookings/rules/civil-date.js';
import { Child, Family } from '../families/family.models.js';
import { Absence, Attendance, type AttendanceStatus } from './attendance.models.js';
import { fullName, toAbsences } from './serialize.js';

/** Bookings whose child is expected (or excused) that day: the register lists them. */
const EXPECTED: readonly BookingStateName[] = ['booked', 'pending', 'waiting_list', 'excused_absence'];

async function activityOf(communeId: string, activityId: string, transaction?: Transaction): Promise<Activity> {
  const activity = await Activity.findOne({
    where: { id: activityId, commune_id: communeId },
    transaction: transaction ?? null,
    // Recording one activity's days one at a time (PostgreSQL; SQLite's writes are queued anyway).
    ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
  });
  if (!activity) throw new HttpProblem(404, 'not_found');
  return activity;
}

/** The register of one activity's day: who is expected, who was recorded, and their absences. */
export async function attendanceRegister(communeId: string, activityId: string, date: string, now = new Date(), transaction?: Transaction) {
  const t = { transaction: transaction ?? null };
  const activity = await activityOf(communeId, activityId);
  const where = { commune_id: communeId, activity_id: activity.id, date };
  const [bookings, attendances, absences] = await Promise.all([
    Booking.findAll({ where, ...t }),
    Attendance.findAll({ where, ...t }),
    Absence.findAll({ where, ...t }),
  ]);
  const childIds = new Set([
    ...bookings.filter((b) => EXPECTED.includes(b.state)).map((b) => b.child_id),
    ...attendances.map((a) => a.child_id),
  ]);
  const children = await Child.findAll({
    where: { commune_id: communeId, id: [...childIds] },
    attributes: ['id', 'first_name', 'last_name', 'family_id'],
    ...t,
  });
  const families = await Family.findAll({
    where: { id: [...new Set(children.map((c) => c.family_id))] },
    attributes: ['id', 'number'],
    ...t,
  });
  const absenceViews = await toAbsences(communeId, absences, transaction);
  children.sort((x, y) => x.last_name.localeCompare(y.last_name, 'fr') || x.first_name.localeCompare(y.first_name, 'fr'));
  return {
    activityId: activity.id,
    activityName: activity.name,
    date,
    recordable: date <= civilDateOf(now),
    entries: children.map((child) => ({
      childId: child.id,
      childName: fullName(child),
      familyNumber: families.find((f) => f.id === child.family_id)?.number ?? '',
      bookingState: bookings.find((b) => b.child_id === child.id)?.state ?? ('none' as const),
      attendance: attendances.find((a) => a.child_id === child.id)?.status ?? null,
      absence: absenceViews.find((a) => a.childId === child.id) ?? null,
    })),
  };
}

export interface RecordArgs {
  communeId: string;
  actorId: string;
  activityId: string;
  date: string;
  records: { childId: string; status: AttendanceStatus }[];
  ip?: string | undefined;
  now?: Date;
}

/**
 * Makes `records` the day's register, in the caller's write transaction: rows of children
 * left out are removed, others updated or created — recording twice never duplicates.
 * A child without an expected booking must be enrolled in the activity that day.
 */
export async function recordAttendance(args: RecordArgs, transaction: Transaction): Promise<void> {
  const now = args.now ?? new Date();
  if (args.date > civilDateOf(now)) throw new HttpProblem(409, 'attendance_in_future');
  const childIds = args.records.map((r) => r.childId);
  if (new Set(childIds).size !== childIds.length) throw new HttpProblem(400, 'validation_failed', 'A child is listed twice.');
  const activity = await activityOf(args.communeId, args.activityId, transaction);
  const where = { commune_id: args.communeId, activity_id: activity.id, date: args.date };
  const [children, bookings, enrolments, existing] = await Promise.all([
    Child.findAll({ where: { commune_id: args.communeId, id: childIds }, attributes: ['id'], transaction }),
    Booking.findAll({ where: { ...where, child_id: childIds }, transaction }),
    Enrolment.findAll({
      where: {
        commune_id: args.communeId,
        activity_id: activity.id,
        child_id: childIds,
        valid_from: { [Op.lte]: args.date },
        valid_to: { [Op.gte]: args.date },
      },
      attributes: ['child_id'],
      transaction,
    }),
    Attendance.findAll({ where, transaction }),
  ]);
  const rows = args.records.map((record) => {
    if (!children.some((c) => c.id === record.childId)) throw new HttpProblem(404, 'not_found', 'No such child.');
    const booking = bookings.find((b) => b.child_id === record.childId && EXPECTED.includes(b.state));
    if (!booking && !enrolments.some((e) => e.child_id === record.childId)) throw new HttpProblem(409, 'child_not_enrolled');
    return { ...record, bookingId: booking?.id ?? null };
  });
  const stale = existing.filter((row) => !childIds.includes(row.child_id)).map((row) => row.id);
  if (stale.length > 0) await Attendance.destroy({ where: { id: stale }, transaction });
  for (const row of rows) {
    const values = { status: row.status, booking_id: row.bookingId, recorded_by: args.actorId, recorded_at: now };
    const previous = existing.find((e) => e.child_id === row.childId);
    if (previous) await previous.update(values, { transaction });
    else await Attendance.create({ id: randomUUID(), ...where, child_id: row.childId, ...values }, { transaction });
  }
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: 'attendance.recorded',
      target: { type: 'activity_day', id: `${activity.id}/${args.date}` },
      ip: args.ip,
    },
    transaction,
  );
}

/**
 * The activities running on a day (their weekday), plus any with bookings or records that
 * day, with how many children are expected and recorded: where the register starts.
 */
export async function attendanceActivities(communeId: string, date: string) {
  const where = { commune_id: communeId, date };
  const [activities, facilities, bookings, attendances] = await Promise.all([
    Activity.findAll({ where: { commune_id: communeId }, order: [['position', 'ASC']] }),
    Facility.findAll({ where: { commune_id: communeId }, attributes: ['id', 'name'] }),
    Booking.findAll({ where: { ...where, state: [...EXPECTED] }, attributes: ['activity_id'] }),
    Attendance.findAll({ where, attributes: ['activity_id'] }),
  ]);
  const count = (rows: { activity_id: string }[], id: string) => rows.filter((r) => r.activity_id === id).length;
  const day = weekday(date);
  const facilityName = (a: Activity) => facilities.find((f) => f.id === a.facility_id)?.name ?? '';
  return activities
    .map((a) => ({
      activityId: a.id,
      activityName: a.name,
      facilityName: facilityName(a),
      expected: count(bookings, a.id),
      recorded: count(attendances, a.id),
      runs: a.weekdayList.includes(day),
    }))
    .filter((a) => a.runs || a.expected > 0 || a.recorded > 0)
    .sort((x, y) => x.facilityName.localeCompare(y.facilityName, 'fr'))
    .map(({ runs: _runs, ...rest }) => rest);
}
