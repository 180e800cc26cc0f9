import { literal, Op, type Transaction } from 'sequelize';
import { type Activity, ActivityDay } from './booking.models.js';

/**
 * Takes one place of an activity on a day, or answers false when none is left. The
 * capacity rule is a single conditional UPDATE (booked < capacity) on the day's counter:
 * concurrent takers are serialised by the row (PostgreSQL) or the write queue (SQLite),
 * and the counter can never pass the capacity.
 */
export async function takePlace(activity: Activity, date: string, communeId: string, transaction: Transaction): Promise<boolean> {
  await ActivityDay.bulkCreate([{ activity_id: activity.id, date, commune_id: communeId, booked: 0 }], {
    ignoreDuplicates: true,
    transaction,
  });
  const [changed] = await ActivityDay.update(
    { booked: literal('booked + 1') },
    {
      where: {
        activity_id: activity.id,
        date,
        ...(activity.capacity_per_day === null ? {} : { booked: { [Op.lt]: activity.capacity_per_day } }),
      },
      transaction,
    },
  );
  return changed === 1;
}

/** Gives a place back (a booked day cancelled). */
export async function releasePlace(activityId: string, date: string, transaction: Transaction): Promise<void> {
  await ActivityDay.update(
    { booked: literal('booked - 1') },
    { where: { activity_id: activityId, date, booked: { [Op.gt]: 0 } }, transaction },
  );
}
