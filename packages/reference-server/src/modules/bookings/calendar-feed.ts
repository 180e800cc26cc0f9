import { createEvents, type EventAttributes } from 'ics';
import { DataTypes, Model, Op, type Sequelize, type Transaction } from 'sequelize';
import { newToken, sha256 } from '../../platform/crypto/tokens.js';
import { Child } from '../families/family.models.js';
import { Activity, Booking } from './booking.models.js';
import { addDays, civilDateOf, parseCivil } from './rules/civil-date.js';

export class CalendarFeed extends Model {
  declare family_id: string;
  declare commune_id: string;
  declare token_hash: string;
  declare created_at: Date;
}

export function initCalendarFeedModel(sequelize: Sequelize): void {
  CalendarFeed.init(
    {
      family_id: { type: DataTypes.STRING, primaryKey: true },
      commune_id: DataTypes.STRING,
      token_hash: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'calendar_feeds', timestamps: false },
  );
}

/** A new secret for the family's feed; the previous one stops working. */
export async function renewFeed(communeId: string, familyId: string, transaction: Transaction): Promise<string> {
  const token = newToken();
  await CalendarFeed.destroy({ where: { family_id: familyId }, transaction });
  await CalendarFeed.create(
    { family_id: familyId, commune_id: communeId, token_hash: sha256(token), created_at: new Date() },
    { transaction },
  );
  return token;
}

export async function familyOfFeed(communeId: string, token: string): Promise<string | null> {
  const feed = await CalendarFeed.findOne({ where: { commune_id: communeId, token_hash: sha256(token) } });
  return feed?.family_id ?? null;
}

const asDate = (date: string): [number, number, number] => {
  const d = parseCivil(date);
  return [d.year, d.month, d.day];
};

/**
 * The family's held bookings from a month ago on, as all-day events: booked days are
 * CONFIRMED; requests awaiting staff and waiting-list places are TENTATIVE.
 */
export async function familyCalendar(communeId: string, familyId: string, calendarName: string): Promise<string> {
  const children = await Child.findAll({ where: { commune_id: communeId, family_id: familyId }, attributes: ['id', 'first_name'] });
  const bookings = await Booking.findAll({
    where: {
      commune_id: communeId,
      child_id: children.map((c) => c.id),
      state: ['booked', 'pending', 'waiting_list'],
      date: { [Op.gte]: addDays(civilDateOf(new Date()), -31) },
    },
    order: [['date', 'ASC']],
  });
  const activities = await Activity.findAll({
    where: { id: [...new Set(bookings.map((b) => b.activity_id))] },
    attributes: ['id', 'name'],
  });
  const events: EventAttributes[] = bookings.map((b) => {
    const child = children.find((c) => c.id === b.child_id)?.first_name ?? '';
    const activity = activities.find((a) => a.id === b.activity_id)?.name ?? '';
    const note = b.state === 'pending' ? ' (en attente de validation)' : b.state === 'waiting_list' ? ' (liste d’attente)' : '';
    return {
      uid: `${b.id}@portail-famille`,
      start: asDate(b.date),
      end: asDate(addDays(b.date, 1)),
      title: `${activity} — ${child}${note}`,
      status: b.state === 'booked' ? 'CONFIRMED' : 'TENTATIVE',
      busyStatus: 'FREE',
    };
  });
  const { error, value } = createEvents(events, { calName: calendarName, productId: 'portail-famille' });
  if (error || typeof value !== 'string') throw error ?? new Error('calendar not generated');
  return value;
}
