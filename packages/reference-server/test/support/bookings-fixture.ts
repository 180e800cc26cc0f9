import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/app-context.js';
import type { Activity, BookingPeriod, Facility } from '../../src/modules/bookings/booking.models.js';
import { addClosure, createActivity, createFacility, createPeriod, enrol } from '../../src/modules/bookings/provisioning.js';
import { addDays, civilDateOf, weekday } from '../../src/modules/bookings/rules/civil-date.js';
import { Child } from '../../src/modules/families/family.models.js';

export interface BookingWorld {
  facility: Facility;
  cantine: Activity;
  mercredi: Activity;
  vacances: Activity;
  period: BookingPeriod;
  /** Monday of the period's first week (five weeks from now, so no deadline has passed). */
  monday: string;
  closedDay: string;
}

/**
 * « ALP Primaire »: cantine (Mon, Tue, Thu, Fri; accepted at once; 2 days before at noon),
 * ALE mercredi (Wednesdays; requests staff decide; Thursday noon the week before), and a
 * 20-place holiday activity (weekdays; full = refused). One open period of three weeks,
 * with a closure on its second Friday.
 */
export async function bookingWorld(ctx: AppContext, communeId: string): Promise<BookingWorld> {
  const today = civilDateOf(new Date());
  const monday = addDays(today, 35 - (weekday(today) - 1));
  const facility = await createFacility(ctx, communeId, 'ALP Primaire');
  const twoDays = { kind: 'days_before' as const, days: 2, time: '12:00' };
  const cantine = await createActivity(ctx, facility, {
    name: 'Cantine',
    bookingDeadline: twoDays,
    cancellationDeadline: twoDays,
    weekdays: [1, 2, 4, 5],
    position: 1,
  });
  const thursday = { kind: 'weekday_of_previous_week' as const, weekday: 4, time: '12:00' };
  const mercredi = await createActivity(ctx, facility, {
    name: 'ALE mercredi',
    processing: 'staff_review',
    bookingDeadline: thursday,
    cancellationDeadline: thursday,
    weekdays: [3],
    position: 2,
  });
  const vacances = await createActivity(ctx, facility, {
    name: 'ALE vacances',
    bookingDeadline: twoDays,
    cancellationDeadline: twoDays,
    capacityPerDay: 20,
    weekdays: [1, 2, 3, 4, 5],
    position: 3,
  });
  const closedDay = addDays(monday, 11);
  await addClosure(ctx, communeId, { facilityId: facility.id, start: closedDay, end: closedDay, label: 'Pont' });
  const period = await createPeriod(ctx, facility, {
    name: 'Semaines de test',
    start: monday,
    end: addDays(monday, 18),
    opensAt: new Date(Date.now() - 3_600_000),
    closesAt: new Date(Date.now() + 20 * 86_400_000),
    activities: [cantine, mercredi, vacances],
  });
  return { facility, cantine, mercredi, vacances, period, monday, closedDay };
}

export async function enrolChild(ctx: AppContext, communeId: string, childId: string, activities: Activity[]): Promise<void> {
  for (const activity of activities) await enrol(ctx, communeId, childId, activity, '2020-09-01', '2099-08-31');
}

/** Extra children in a family, straight in the database (the contract caps a family at 12). */
export async function addChildren(ctx: AppContext, communeId: string, familyId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    commune_id: communeId,
    family_id: familyId,
    first_name: `Enfant${i}`,
    last_name: 'Nombreux',
    birth_date: '2017-01-01',
    position: 100 + i,
  }));
  await ctx.db.write((transaction) => Child.bulkCreate(rows, { transaction }));
  return rows.map((r) => r.id);
}
