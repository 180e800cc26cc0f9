import { Op } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import { Commune } from '../communes/commune.model.js';
import { BillingRun, BillingSettings } from './billing.models.js';
import { runBilling } from './billing-run.js';

/** The month before the one of `date` (`2026-01-15` → `2025-12`). */
export function previousMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * The schedulable side of billing: bills the previous month of every commune whose
 * `auto_run_day` has come (Europe/Paris), unless its automatic run already happened. Meant to
 * be called now and then (the server checks every hour, see main.ts; a cron job calling it is
 * fine too). Two processes checking at once cost an empty run at worst: the run itself never
 * bills a day twice. Answers the runs it made.
 */
export async function runScheduledBillings(ctx: AppContext, now: Date): Promise<{ communeId: string; month: string; invoices: number }[]> {
  const today = civilDateOf(now);
  const day = Number(today.slice(8, 10));
  const month = previousMonth(today);
  const due = await BillingSettings.findAll({ where: { auto_run_day: { [Op.ne]: null, [Op.lte]: day } } });
  const done: { communeId: string; month: string; invoices: number }[] = [];
  for (const settings of due) {
    const already = await BillingRun.findOne({ where: { commune_id: settings.commune_id, month, actor_account_id: null } });
    if (already) continue;
    const commune = await Commune.findOne({ where: { id: settings.commune_id } });
    if (!commune) continue;
    const result = await runBilling(ctx, commune, { month, actorId: null, now });
    done.push({ communeId: commune.id, month, invoices: result.invoiceIds.length });
  }
  return done;
}
