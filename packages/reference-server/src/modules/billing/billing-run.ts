import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { groupBy } from '../../platform/collections.js';
import { nextNumber, reserveNumbers } from '../../platform/db/sequences.js';
import { audit } from '../audit/audit.js';
import { Activity } from '../bookings/booking.models.js';
import { addDays, civilDateOf } from '../bookings/rules/civil-date.js';
import type { Commune } from '../communes/commune.model.js';
import { Child, Family, Guardian } from '../families/family.models.js';
import { ActivityTariff, type Addressee, BillingRun, BillingSettings, FlatFee, Invoice } from './billing.models.js';
import { invoiceIssuedMails } from './emails.js';
import { feePeriodKey, invoiceNumber, invoiceState, monthBounds } from './rules/invoices.js';
import { unitPriceFor } from './rules/pricing.js';

export interface RunOptions {
  communeId: string;
  month: string;
  actorId: string | null;
  /** Only these families (a corrected invoice); all families otherwise. */
  familyIds?: string[];
  /** The invoice a corrected invoice replaces. */
  replacesInvoiceId?: string;
  ip?: string | undefined;
  now?: Date;
}

export interface RunResult {
  run: BillingRun;
  invoiceIds: string[];
  invoiceNumbers: string[];
}

const CHUNK = 500;
/** One collator for the whole run (`localeCompare(…, 'fr')` builds one per call). */
const byName = new Intl.Collator('fr');

export async function settingsOf(communeId: string, transaction?: Transaction): Promise<BillingSettings> {
  const found = await BillingSettings.findOne({ where: { commune_id: communeId }, ...(transaction ? { transaction } : {}) });
  return (
    found ??
    BillingSettings.build({
      commune_id: communeId,
      payment_term_days: 30,
      bill_unbooked_attendance: false,
      issuer_address: null,
      auto_run_day: null,
    })
  );
}

/**
 * Bills a month for a commune, in the caller's write transaction: every booked day not yet
 * billed (excused absences, cancelled or refused days never are), plus flat fees due, one
 * invoice per family.
 *
 * How it never bills a day twice: the run first takes the commune's run number (a row lock
 * on PostgreSQL held until commit, the write queue on SQLite), so runs of one commune follow
 * each other; then it claims the unbilled days with one INSERT … SELECT into `billed_items`,
 * whose unique index (one item in force per booking) is the last line of defence. Lines are
 * then aggregated from exactly the rows this run claimed, so a booking changing meanwhile
 * cannot make a line and its days disagree. Invoice numbers are taken in one block from the
 * commune's gapless counter for the year of issue, in the same transaction.
 */
export async function billMonth(options: RunOptions, transaction: Transaction): Promise<RunResult> {
  const { communeId, month } = options;
  const now = options.now ?? new Date();
  const sequelize = Invoice.sequelize;
  if (!sequelize) throw new Error('models not initialised');
  const { start, next } = monthBounds(month);
  const runNumber = await nextNumber(communeId, 'billing-run', transaction);
  const runId = randomUUID();
  const settings = await settingsOf(communeId, transaction);
  const familyFilter = options.familyIds ? 'AND c.family_id IN (:familyIds)' : '';
  const replacements = { communeId, runId, start, next, familyIds: options.familyIds ?? [] };
  const no = falseLiteral(sequelize.getDialect());

  // 1. Claim every booked, priced, unbilled day of the month.
  // PostgreSQL: while billed_items is small or its statistics are stale (a new commune's
  // first run), the planner picks a nested loop that scans billed_items once per booking —
  // and the rows this very statement inserts make it quadratic (measured: 45 s for 20,000
  // days). A batch wants hash joins: nested loops are off for this statement only.
  const postgres = sequelize.getDialect() === 'postgres';
  if (postgres) await sequelize.query('SET LOCAL enable_nestloop = off', { transaction });
  await sequelize.query(
    `INSERT INTO billed_items (commune_id, kind, ref_id, run_id, family_id, child_id, activity_id, date, released)
     SELECT b.commune_id, 'booking', b.id, :runId, c.family_id, b.child_id, b.activity_id, b.date, ${no}
     FROM bookings b
     JOIN children c ON c.id = b.child_id
     JOIN activity_tariffs t ON t.activity_id = b.activity_id
     WHERE b.commune_id = :communeId AND b.state = 'booked' AND b.date >= :start AND b.date < :next ${familyFilter}
       AND NOT EXISTS (SELECT 1 FROM billed_items bi WHERE bi.kind = 'booking' AND bi.ref_id = b.id AND bi.released = ${no})`,
    { replacements, transaction, type: QueryTypes.INSERT },
  );
  if (postgres) await sequelize.query('RESET enable_nestloop', { transaction });
  if (settings.bill_unbooked_attendance) {
    // Days a child was present without a booking (the register's « unbooked attendance »),
    // when the commune bills them: claimed the same way, billed like a booked day.
    await sequelize.query(
      `INSERT INTO billed_items (commune_id, kind, ref_id, run_id, family_id, child_id, activity_id, date, released)
       SELECT a.commune_id, 'attendance', a.id, :runId, c.family_id, a.child_id, a.activity_id, a.date, ${no}
       FROM attendances a
       JOIN children c ON c.id = a.child_id
       JOIN activity_tariffs t ON t.activity_id = a.activity_id
       WHERE a.commune_id = :communeId AND a.status = 'present' AND a.booking_id IS NULL
         AND a.date >= :start AND a.date < :next ${familyFilter}
         AND NOT EXISTS (SELECT 1 FROM billed_items bi WHERE bi.kind = 'attendance' AND bi.ref_id = a.id AND bi.released = ${no})`,
      { replacements, transaction, type: QueryTypes.INSERT },
    );
  }

  // 2. What this run claimed, per family, child and activity.
  const counted = await sequelize.query<{ family_id: string; child_id: string; activity_id: string; quantity: number | string }>(
    `SELECT family_id, child_id, activity_id, COUNT(*) AS quantity FROM billed_items
     WHERE run_id = :runId GROUP BY family_id, child_id, activity_id`,
    { replacements, transaction, type: QueryTypes.SELECT },
  );
  const familyIds = [...new Set(counted.map((r) => r.family_id))];

  // 3. Flat fees: once per family and period, on the invoices of this run.
  const fees = familyIds.length
    ? await FlatFee.findAll({ where: { commune_id: communeId, active: true }, order: [['created_at', 'ASC']], transaction })
    : [];
  const feeItems: { familyId: string; fee: FlatFee; key: string }[] = [];
  if (fees.length) {
    const wanted = familyIds.flatMap((familyId) =>
      fees.map((fee) => ({ familyId, fee, key: `${fee.id}:${familyId}:${feePeriodKey(fee.frequency, month)}` })),
    );
    const taken = new Set<string>();
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const rows = await sequelize.query<{ ref_id: string }>(
        `SELECT ref_id FROM billed_items WHERE kind = 'fee' AND released = ${no} AND ref_id IN (:keys)`,
        { replacements: { keys: wanted.slice(i, i + CHUNK).map((w) => w.key) }, transaction, type: QueryTypes.SELECT },
      );
      for (const r of rows) taken.add(r.ref_id);
    }
    feeItems.push(...wanted.filter((w) => !taken.has(w.key)));
  }

  // 4. Invoices and lines, numbered in family-number order.
  // One after the other: a transaction is one connection (pg refuses overlapping queries on it).
  // Plain rows (raw), not model instances: a run reads thousands of them.
  const families = await findAllChunked(familyIds, (ids) =>
    Family.findAll({
      where: { id: ids },
      attributes: ['id', 'number', 'address_line1', 'address_line2', 'postal_code', 'city', 'quotient_familial'],
      raw: true,
      transaction,
    }),
  );
  const children = await findAllChunked([...new Set(counted.map((r) => r.child_id))], (ids) =>
    Child.findAll({ where: { id: ids }, attributes: ['id', 'first_name', 'last_name'], raw: true, transaction }),
  );
  const activities = await Activity.findAll({ where: { commune_id: communeId }, attributes: ['id', 'name', 'position'], transaction });
  const tariffs = await ActivityTariff.findAll({ where: { commune_id: communeId }, transaction });
  const guardians = await findAllChunked(familyIds, (ids) =>
    Guardian.findAll({
      where: { family_id: ids },
      attributes: ['family_id', 'first_name', 'last_name', 'position'],
      raw: true,
      transaction,
    }),
  );
  families.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const childById = new Map(children.map((c) => [c.id, c]));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const tariffByActivity = new Map(tariffs.map((t) => [t.activity_id, t.bracketList]));
  const countedByFamily = groupBy(counted, (r) => r.family_id);
  const feesByFamily = groupBy(feeItems, (f) => f.familyId);
  const guardiansByFamily = groupBy(guardians, (g) => g.family_id);

  const issuedOn = civilDateOf(now);
  const year = Number(issuedOn.slice(0, 4));
  const dueDate = addDays(issuedOn, settings.payment_term_days);
  const first = families.length ? await reserveNumbers(communeId, `invoice-${year}`, families.length, transaction) : 0;
  const invoices: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  let runTotal = 0;
  for (const [index, family] of families.entries()) {
    const invoiceId = randomUUID();
    let total = 0;
    let position = 0;
    const rows = (countedByFamily.get(family.id) ?? []).sort((a, b) => {
      const ca = childById.get(a.child_id);
      const cb = childById.get(b.child_id);
      const byChild = byName.compare(`${ca?.first_name}`, `${cb?.first_name}`);
      return byChild || (activityById.get(a.activity_id)?.position ?? 0) - (activityById.get(b.activity_id)?.position ?? 0);
    });
    for (const row of rows) {
      const brackets = tariffByActivity.get(row.activity_id);
      if (!brackets) throw new Error('a claimed day has no tariff');
      const child = childById.get(row.child_id);
      const quantity = Number(row.quantity);
      const unit = unitPriceFor(brackets, family.quotient_familial);
      total += quantity * unit;
      lines.push({
        id: randomUUID(),
        invoice_id: invoiceId,
        position: position++,
        child_id: row.child_id,
        child_name: child ? `${child.first_name} ${child.last_name}` : null,
        activity_id: row.activity_id,
        flat_fee_id: null,
        label: activityById.get(row.activity_id)?.name ?? '',
        quantity,
        unit_price_cents: unit,
        amount_cents: quantity * unit,
      });
    }
    for (const { fee } of feesByFamily.get(family.id) ?? []) {
      total += fee.amount_cents;
      lines.push({
        id: randomUUID(),
        invoice_id: invoiceId,
        position: position++,
        child_id: null,
        child_name: null,
        activity_id: null,
        flat_fee_id: fee.id,
        label: fee.label,
        quantity: 1,
        unit_price_cents: fee.amount_cents,
        amount_cents: fee.amount_cents,
      });
    }
    const addressee: Addressee = {
      familyNumber: family.number,
      names: (guardiansByFamily.get(family.id) ?? []).sort((a, b) => a.position - b.position).map((g) => `${g.first_name} ${g.last_name}`),
      address: [family.address_line1, family.address_line2, `${family.postal_code} ${family.city}`].filter((l): l is string => !!l),
    };
    invoices.push({
      id: invoiceId,
      commune_id: communeId,
      family_id: family.id,
      run_id: runId,
      number: invoiceNumber(year, first + index),
      month,
      issued_on: issuedOn,
      due_date: dueDate,
      addressee: JSON.stringify(addressee),
      total_cents: total,
      credited_cents: 0,
      paid_cents: 0,
      state: invoiceState({ totalCents: total, creditedCents: 0, paidCents: 0, cancelled: false }),
      replaces_invoice_id: options.replacesInvoiceId ?? null,
      created_at: now,
    });
    runTotal += total;
  }

  const run = await BillingRun.create(
    {
      id: runId,
      commune_id: communeId,
      number: runNumber,
      month,
      actor_account_id: options.actorId,
      invoice_count: invoices.length,
      total_cents: runTotal,
      created_at: now,
    },
    { transaction },
  );
  // Plain multi-row INSERTs: model bulkCreate builds and validates an instance per row (measured 5× slower here).
  const qi = sequelize.getQueryInterface();
  for (let i = 0; i < invoices.length; i += CHUNK) await qi.bulkInsert('invoices', invoices.slice(i, i + CHUNK), { transaction });
  for (let i = 0; i < lines.length; i += CHUNK) await qi.bulkInsert('invoice_lines', lines.slice(i, i + CHUNK), { transaction });
  const feeRows = feeItems.map((f) => ({
    commune_id: communeId,
    kind: 'fee',
    ref_id: f.key,
    run_id: runId,
    family_id: f.familyId,
    child_id: null,
    activity_id: null,
    date: null,
    released: false,
  }));
  for (let i = 0; i < feeRows.length; i += CHUNK) {
    const chunk = feeRows.slice(i, i + CHUNK);
    await qi.bulkInsert('billed_items', chunk, { transaction });
  }
  await audit(
    { communeId, actorId: options.actorId, action: 'billing.run', target: { type: 'billing_run', id: runId }, ip: options.ip },
    transaction,
  );
  return {
    run,
    invoiceIds: invoices.map((i) => String(i.id)),
    invoiceNumbers: invoices.map((i) => String(i.number)),
  };
}

/** Gives back the days (and fees) an invoice covered, after a cancelling credit note: they may be billed again. */
export async function releaseItems(runId: string, familyId: string, transaction: Transaction): Promise<void> {
  const yes = Invoice.sequelize?.getDialect() === 'postgres' ? 'true' : '1';
  await Invoice.sequelize?.query(`UPDATE billed_items SET released = ${yes} WHERE run_id = :runId AND family_id = :familyId`, {
    replacements: { runId, familyId },
    transaction,
  });
}

/**
 * The hook for the attendance register (see the TODO in `billMonth`): claims the month's
 * attended-but-unbooked days as `attendance` items. Nothing to claim until that module exists.
 */
/** Runs a month in its own write transaction, then mails « nouvelle facture » to the families. */
export async function runBilling(ctx: AppContext, commune: Commune, options: Omit<RunOptions, 'communeId'>): Promise<RunResult> {
  const result = await ctx.db.write((transaction) => billMonth({ ...options, communeId: commune.id }, transaction));
  announceInvoices(ctx, commune, result.invoiceIds);
  return result;
}

/** Emails each new invoice's guardians, after commit, in the background. */
export function announceInvoices(ctx: AppContext, commune: Commune, invoiceIds: string[]): void {
  if (invoiceIds.length === 0) return;
  ctx.background.run('invoice mails', async () => {
    for (let i = 0; i < invoiceIds.length; i += CHUNK) {
      const invoices = await Invoice.findAll({ where: { id: { [Op.in]: invoiceIds.slice(i, i + CHUNK) } } });
      const guardians = await Guardian.findAll({ where: { family_id: invoices.map((inv) => inv.family_id) } });
      for (const invoice of invoices) {
        for (const mail of invoiceIssuedMails(
          commune,
          invoice,
          guardians.filter((g) => g.family_id === invoice.family_id),
        )) {
          await ctx.mailer.send(mail);
        }
      }
    }
  });
}

/**
 * `false` as the partial unique index on billed_items spells it: SQLite stores booleans as
 * 0/1 and only uses a partial index when the query repeats its condition word for word
 * (measured: `released = false` scanned the table — quadratic over a run).
 */
function falseLiteral(dialect: string): string {
  return dialect === 'postgres' ? 'false' : '0';
}

async function findAllChunked<T>(ids: string[], find: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await find(ids.slice(i, i + CHUNK))));
  return out;
}
