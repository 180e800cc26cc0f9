import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { ActivityTariff } from '../modules/billing/billing.models.js';
import { billMonth } from '../modules/billing/billing-run.js';
import { Activity, Booking } from '../modules/bookings/booking.models.js';
import { addDays, civilDateOf, eachDay, weekday } from '../modules/bookings/rules/civil-date.js';
import type { Commune } from '../modules/communes/commune.model.js';
import { Child, Guardian } from '../modules/families/family.models.js';

/** The month `YYYY-MM` `back` months before the one of `date`. */
function monthBefore(date: string, back: number): string {
  const [y = 0, m = 1] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Something to pay in the demo: a price grid, the canteen booked on school days of the two
 * months before this one (Mondays and Thursdays) for Sophie Martin's children, and those two months billed (two
 * invoices to pay, « Payer en ligne » through the sandbox page or the fake PayFiP).
 */
export async function seedDemoInvoices(ctx: AppContext, commune: Commune): Promise<void> {
  const activities = await Activity.findAll({ where: { commune_id: commune.id } });
  const cantine = activities.find((a) => a.name === 'Cantine');
  const sophie = await Guardian.findOne({ where: { commune_id: commune.id, email: 'sophie.martin@example.fr' } });
  if (!cantine || !sophie) return;
  const children = await Child.findAll({ where: { family_id: sophie.family_id } });
  const today = civilDateOf(new Date());
  const months = [monthBefore(today, 2), monthBefore(today, 1)];
  await ctx.db.write(async (transaction) => {
    for (const activity of activities) {
      await ActivityTariff.upsert(
        {
          activity_id: activity.id,
          commune_id: commune.id,
          brackets: JSON.stringify([
            { upToQuotient: 700, unitPriceCents: 320 },
            { upToQuotient: null, unitPriceCents: 455 },
          ]),
          updated_at: new Date(),
        },
        { transaction },
      );
    }
    for (const month of months) {
      const last = addDays(`${monthBefore(`${month}-01`, -1)}-01`, -1);
      // Mondays and Thursdays (the days the booking journey books too), the second child Mondays only.
      const days = eachDay(`${month}-01`, last).filter((d) => [1, 4].includes(weekday(d)));
      for (const [i, child] of children.entries()) {
        const own = i === 0 ? days : days.filter((d) => weekday(d) === 1);
        await Booking.bulkCreate(
          own.map((date) => ({
            id: randomUUID(),
            commune_id: commune.id,
            child_id: child.id,
            activity_id: cantine.id,
            date,
            state: 'booked',
            updated_at: new Date(),
          })),
          { transaction, ignoreDuplicates: true },
        );
      }
      await billMonth({ communeId: commune.id, month, actorId: null, familyIds: [sophie.family_id] }, transaction);
    }
  });
}
