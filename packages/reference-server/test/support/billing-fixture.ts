import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { AppContext } from '../../src/app-context.js';
import { Booking, type BookingStateName } from '../../src/modules/bookings/booking.models.js';
import { eachDay, weekday } from '../../src/modules/bookings/rules/civil-date.js';
import { insertFamily } from '../../src/modules/families/family-service.js';

/** Every weekday (Mon, Tue, Thu, Fri) of a month `YYYY-MM`, the days a canteen runs. */
export function canteenDays(month: string): string[] {
  const [y = 0, m = 0] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return eachDay(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`).filter((d) => [1, 2, 4, 5].includes(weekday(d)));
}

/** Bookings straight in the table, as the booking module leaves them (billing only reads them). */
export async function putBookings(
  ctx: AppContext,
  communeId: string,
  childId: string,
  activityId: string,
  days: string[],
  state: BookingStateName = 'booked',
): Promise<string[]> {
  const rows = days.map((date) => ({
    id: randomUUID(),
    commune_id: communeId,
    child_id: childId,
    activity_id: activityId,
    date,
    state,
    updated_at: new Date(),
  }));
  await ctx.db.write((transaction) => Booking.bulkCreate(rows, { transaction }));
  return rows.map((r) => r.id);
}

export async function setBookingState(ctx: AppContext, bookingId: string, state: BookingStateName): Promise<void> {
  await ctx.db.write((transaction) => Booking.update({ state, updated_at: new Date() }, { where: { id: bookingId }, transaction }));
}

/** Families with one child each, straight in the database; answers their child ids. */
export async function quickFamilies(ctx: AppContext, communeId: string, count: number, prefix: string): Promise<string[]> {
  const children: string[] = [];
  for (let i = 0; i < count; i++) {
    const family = await ctx.db.write((t) =>
      insertFamily(
        communeId,
        {
          number: `${prefix}-${String(i).padStart(4, '0')}`,
          address: { line1: `${i} rue des Tests`, postalCode: '44000', city: 'Nantes' },
          guardians: [
            { firstName: 'Parent', lastName: `${prefix}${i}`, relation: 'mother', email: `${prefix.toLowerCase()}${i}@example.fr` },
          ],
          children: [{ firstName: 'Enfant', lastName: `${prefix}${i}`, birthDate: '2018-01-01' }],
        },
        t,
      ),
    );
    const reloaded = await family.reload({ include: ['children'] });
    const child = reloaded.children?.[0];
    if (!child) throw new Error('no child');
    children.push(child.id);
  }
  return children;
}

/** The text of every page of a PDF, one string per page (pdf.js, as a reader would see it). */
export async function pdfText(data: ArrayBuffer | Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
        .join('')
        .replace(/ +/g, ' '),
    );
  }
  await pdf.destroy();
  return pages;
}

export interface BilledDaysRow {
  id: number;
  kind: string;
  run_id: string;
  family_id: string;
  child_id: string;
  activity_id: string;
  month: string;
  days: number;
  quantity: number;
  in_force_before: number;
  released: boolean;
}

/** The `billed_days` rows of some months, oldest first, numbers and booleans as numbers and booleans whatever the database. */
export async function billedDaysRows(sequelize: Sequelize, months: string[]): Promise<BilledDaysRow[]> {
  const rows = await sequelize.query<Record<string, unknown>>('SELECT * FROM billed_days WHERE month IN (:months) ORDER BY id', {
    replacements: { months },
    type: QueryTypes.SELECT,
  });
  return rows.map((r) => ({
    ...(r as unknown as BilledDaysRow),
    id: Number(r.id),
    days: Number(r.days),
    quantity: Number(r.quantity),
    in_force_before: Number(r.in_force_before),
    released: r.released === true || Number(r.released) === 1,
  }));
}

/** The dates `YYYY-MM-DD` a row's mask holds (bit d-1: day d). */
export function datesOf(row: Pick<BilledDaysRow, 'month' | 'days'>): string[] {
  const dates: string[] = [];
  for (let d = 1; d <= 31; d++) if ((row.days >> (d - 1)) & 1) dates.push(`${row.month}-${String(d).padStart(2, '0')}`);
  return dates;
}

/**
 * Every day in force (of a kind) in those months as `child:activity:date`, once per row
 * holding it (a day billed twice shows twice). Checks each row's count against its mask.
 */
export async function billedDaysInForce(sequelize: Sequelize, months: string[], kind = 'booking'): Promise<string[]> {
  const days: string[] = [];
  for (const row of await billedDaysRows(sequelize, months)) {
    const dates = datesOf(row);
    if (row.quantity !== dates.length) throw new Error(`billed_days ${row.id}: quantity ${row.quantity} for ${dates.length} days`);
    if (row.kind !== kind || row.released) continue;
    days.push(...dates.map((date) => `${row.child_id}:${row.activity_id}:${date}`));
  }
  return days;
}
