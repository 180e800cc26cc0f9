import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { deleteFile, storeFile, type Upload } from '../../platform/files/files.js';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Account } from '../accounts/account.models.js';
import { audit } from '../audit/audit.js';
import { Activity, Booking } from '../bookings/booking.models.js';
import { Child } from '../families/family.models.js';
import { familyIdOf } from '../families/serialize.js';
import { Absence } from './attendance.models.js';

/** The child's booking of that day, locked for the rest of the transaction (PostgreSQL). */
async function bookingOf(communeId: string, childId: string, activityId: string, date: string, transaction: Transaction) {
  return Booking.findOne({
    where: { commune_id: communeId, child_id: childId, activity_id: activityId, date },
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
}

async function mustExist(communeId: string, childId: string, activityId: string, transaction: Transaction): Promise<void> {
  const [child, activity] = await Promise.all([
    Child.findOne({ where: { id: childId, commune_id: communeId }, attributes: ['id'], transaction }),
    Activity.findOne({ where: { id: activityId, commune_id: communeId }, attributes: ['id'], transaction }),
  ]);
  if (!child || !activity) throw new HttpProblem(404, 'not_found');
}

/**
 * Staff decide a booked day's absence: excused (the booking becomes `excused_absence`, not
 * billed) or not excused (the booking is `booked` again). Creates the absence when the
 * family did not declare it.
 */
export async function markAbsence(
  args: {
    communeId: string;
    actorId: string;
    childId: string;
    activityId: string;
    date: string;
    excused: boolean;
    comment?: string | undefined;
    ip?: string | undefined;
  },
  transaction: Transaction,
): Promise<Absence> {
  await mustExist(args.communeId, args.childId, args.activityId, transaction);
  const booking = await bookingOf(args.communeId, args.childId, args.activityId, args.date, transaction);
  if (!booking || !['booked', 'excused_absence'].includes(booking.state)) throw new HttpProblem(409, 'not_booked');
  const now = new Date();
  const status = args.excused ? 'excused' : 'not_excused';
  let absence = await Absence.findOne({ where: { booking_id: booking.id }, transaction });
  if (absence) {
    await absence.update({ status, decided_at: now, ...(args.comment !== undefined ? { comment: args.comment } : {}) }, { transaction });
  } else {
    absence = await Absence.create(
      {
        id: randomUUID(),
        commune_id: args.communeId,
        child_id: booking.child_id,
        activity_id: booking.activity_id,
        date: booking.date,
        booking_id: booking.id,
        status,
        declared_by: 'staff',
        comment: args.comment ?? null,
        document_id: null,
        created_at: now,
        decided_at: now,
      },
      { transaction },
    );
  }
  await booking.update({ state: args.excused ? 'excused_absence' : 'booked', updated_at: now }, { transaction });
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: `absence.${status}`,
      target: { type: 'absence', id: absence.id },
      ip: args.ip,
    },
    transaction,
  );
  return absence;
}

/**
 * A parent declares their child's absence on a booked day. Declaring it again answers the
 * absence already there (its comment updated while staff have not decided).
 */
export async function declareAbsence(
  args: {
    communeId: string;
    account: Account;
    childId: string;
    activityId: string;
    date: string;
    comment?: string | undefined;
    ip?: string | undefined;
  },
  transaction: Transaction,
): Promise<{ absence: Absence; created: boolean }> {
  await mustExist(args.communeId, args.childId, args.activityId, transaction);
  const booking = await bookingOf(args.communeId, args.childId, args.activityId, args.date, transaction);
  const existing = booking ? await Absence.findOne({ where: { booking_id: booking.id }, transaction }) : null;
  if (existing) {
    if (existing.status === 'declared' && args.comment !== undefined) await existing.update({ comment: args.comment }, { transaction });
    return { absence: existing, created: false };
  }
  if (!booking || booking.state !== 'booked') throw new HttpProblem(409, 'not_booked');
  const absence = await Absence.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      child_id: booking.child_id,
      activity_id: booking.activity_id,
      date: booking.date,
      booking_id: booking.id,
      status: 'declared',
      declared_by: 'family',
      comment: args.comment ?? null,
      document_id: null,
      created_at: new Date(),
      decided_at: null,
    },
    { transaction },
  );
  await audit(
    {
      communeId: args.communeId,
      actorId: args.account.id,
      action: 'absence.declared',
      target: { type: 'absence', id: absence.id },
      ip: args.ip,
    },
    transaction,
  );
  return { absence, created: true };
}

/**
 * The absence a caller may reach: staff (admin, agent) of the commune, or the child's
 * family. Anyone else: 404 (a parent) or 403 (another staff role), revealing nothing.
 */
export async function reachableAbsence(
  communeId: string,
  account: Account,
  absenceId: string,
  transaction?: Transaction,
): Promise<Absence> {
  const absence = await Absence.findOne({ where: { id: absenceId, commune_id: communeId }, transaction: transaction ?? null });
  if (account.kind === 'staff') {
    if (!account.roleList.some((role) => role === 'admin' || role === 'agent')) throw new HttpProblem(403, 'forbidden');
    if (!absence) throw new HttpProblem(404, 'not_found');
    return absence;
  }
  const familyId = await familyIdOf(communeId, account);
  const child = absence
    ? await Child.findOne({
        where: { id: absence.child_id, commune_id: communeId, family_id: familyId },
        attributes: ['id'],
        transaction: transaction ?? null,
      })
    : null;
  if (!absence || !child) throw new HttpProblem(404, 'not_found');
  return absence;
}

/** Joins (or replaces) the absence's supporting document; the previous file is deleted. */
export async function attachDocument(
  args: { communeId: string; account: Account; absenceId: string; upload: Upload; ip?: string | undefined },
  transaction: Transaction,
): Promise<Absence> {
  const absence = await reachableAbsence(args.communeId, args.account, args.absenceId, transaction);
  if (args.account.kind !== 'staff' && absence.status !== 'declared') throw new HttpProblem(409, 'absence_already_decided');
  const file = await storeFile({ communeId: args.communeId, upload: args.upload, uploadedBy: args.account.id }, transaction);
  const previous = absence.document_id;
  await absence.update({ document_id: file.id }, { transaction });
  if (previous) await deleteFile(args.communeId, previous, transaction);
  await audit(
    {
      communeId: args.communeId,
      actorId: args.account.id,
      action: 'absence.document_attached',
      target: { type: 'absence', id: absence.id },
      ip: args.ip,
    },
    transaction,
  );
  return absence;
}
