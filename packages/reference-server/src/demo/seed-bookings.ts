import { DateTime } from 'luxon';
import type { AppContext } from '../app-context.js';
import { addClosure, createActivity, createFacility, createPeriod, enrol } from '../modules/bookings/provisioning.js';
import { addDays, civilDateOf, parseCivil, weekday, ZONE } from '../modules/bookings/rules/civil-date.js';
import type { Commune } from '../modules/communes/commune.model.js';
import { Child } from '../modules/families/family.models.js';

const twoDaysAtNoon = { kind: 'days_before' as const, days: 2, time: '12:00' };
const eveBefore = { kind: 'days_before' as const, days: 1, time: '18:00' };
const thursdayNoon = { kind: 'weekday_of_previous_week' as const, weekday: 4, time: '12:00' };

/**
 * The demo's bookings: « ALP Primaire » (cantine, ALP matin and soir, ALE mercredi that staff
 * decide) with a three-week period open now, and « ALE Primaire » with a capacity-limited
 * holiday period that opens next Monday at 8:00. Dates are relative to the first start.
 */
export async function seedDemoBookings(ctx: AppContext, commune: Commune): Promise<void> {
  const today = civilDateOf(new Date());
  const nextMonday = addDays(today, 8 - weekday(today));
  const start = addDays(nextMonday, 7);
  const end = addDays(start, 18);
  const week = (date: string) => parseCivil(date).weekNumber;

  const alp = await createFacility(ctx, commune.id, 'ALP Primaire');
  const cantine = await createActivity(ctx, alp, {
    name: 'Cantine',
    bookingDeadline: twoDaysAtNoon,
    cancellationDeadline: twoDaysAtNoon,
    weekdays: [1, 2, 4, 5],
    position: 1,
  });
  const matin = await createActivity(ctx, alp, {
    name: 'ALP matin',
    unit: 'slot',
    bookingDeadline: eveBefore,
    cancellationDeadline: eveBefore,
    weekdays: [1, 2, 4, 5],
    capacityPerDay: 30,
    position: 2,
  });
  const soir = await createActivity(ctx, alp, {
    name: 'ALP soir',
    unit: 'slot',
    bookingDeadline: eveBefore,
    cancellationDeadline: eveBefore,
    weekdays: [1, 2, 4, 5],
    capacityPerDay: 40,
    position: 3,
  });
  const mercredi = await createActivity(ctx, alp, {
    name: 'ALE mercredi',
    processing: 'staff_review',
    bookingDeadline: thursdayNoon,
    cancellationDeadline: thursdayNoon,
    weekdays: [3],
    capacityPerDay: 24,
    overflow: 'waiting_list',
    position: 4,
  });
  await createPeriod(ctx, alp, {
    name: `Semaines ${week(start)} à ${week(end)}`,
    start,
    end,
    opensAt: DateTime.now().setZone(ZONE).minus({ days: 1 }).startOf('day').toJSDate(),
    closesAt: parseCivil(end).minus({ days: 2 }).set({ hour: 12 }).toJSDate(),
    activities: [cantine, matin, soir, mercredi],
  });
  await addClosure(ctx, commune.id, { start: addDays(start, 11), end: addDays(start, 11), label: 'Pont (école fermée)' });

  const ale = await createFacility(ctx, commune.id, 'ALE Primaire');
  const vacances = await createActivity(ctx, ale, {
    name: 'ALE vacances',
    bookingDeadline: { kind: 'days_before', days: 7, time: '12:00' },
    cancellationDeadline: { kind: 'days_before', days: 7, time: '12:00' },
    weekdays: [1, 2, 3, 4, 5],
    capacityPerDay: 24,
    position: 1,
  });
  const holidays = addDays(start, 35);
  await createPeriod(ctx, ale, {
    name: 'Vacances (2 semaines)',
    start: holidays,
    end: addDays(holidays, 11),
    opensAt: parseCivil(nextMonday).set({ hour: 8 }).toJSDate(),
    closesAt: parseCivil(holidays).minus({ days: 8 }).set({ hour: 12 }).toJSDate(),
    activities: [vacances],
  });

  // Léa and Inès are enrolled in everything; Jules and Zoé in the canteen; Hugo in nothing
  // (his planner explains why).
  const now = parseCivil(today);
  const firstYear = now.month >= 9 ? now.year : now.year - 1;
  // This school year and the next: demo dates stay bookable even when seeded late in August.
  const schoolYear = { from: `${firstYear}-09-01`, to: `${firstYear + 2}-08-31` };
  const children = await Child.findAll({ where: { commune_id: commune.id } });
  const byName = (first: string) => children.find((c) => c.first_name === first);
  for (const name of ['Léa', 'Inès']) {
    const child = byName(name);
    if (child)
      for (const activity of [cantine, matin, soir, mercredi, vacances])
        await enrol(ctx, commune.id, child.id, activity, schoolYear.from, schoolYear.to);
  }
  for (const name of ['Jules', 'Zoé']) {
    const child = byName(name);
    if (child) await enrol(ctx, commune.id, child.id, cantine, schoolYear.from, schoolYear.to);
  }
}
