import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { groupBy } from '../../platform/collections.js';
import { insertRows } from '../../platform/db/insert-rows.js';
import { selectRows } from '../../platform/db/rows.js';
import { nextNumber, reserveNumbers } from '../../platform/db/sequences.js';
import { audit } from '../audit/audit.js';
import { Activity } from '../bookings/booking.models.js';
import { addDays, civilDateOf } from '../bookings/rules/civil-date.js';
import type { Commune } from '../communes/commune.model.js';
import { Guardian } from '../families/family.models.js';
import { claimDays, falseLiteral } from './billed-days.js';
import { ActivityTariff, type Addressee, BillingRun, BillingSettings, FlatFee, Invoice } from './billing.models.js';
import { invoiceIssuedMails } from './emails.js';
import { feePeriodKey, invoiceNumber, invoiceState } from './rules/invoices.js';
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
/** Families whose guardians one statement reads (a literal IN list: no parameter limit applies). */
const READ_CHUNK = 5000;

/** A claimed group of days (one child, one activity) with what its invoice line and invoice need. */
interface ClaimedGroup {
  family_id: string;
  child_id: string;
  activity_id: string;
  quantity: number | string;
  first_name: string;
  last_name: string;
  number: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string;
  city: string;
  quotient_familial: number | string | null;
}

interface GuardianName {
  family_id: string;
  first_name: string;
  last_name: string;
  position: number;
}

/** id, family_id, number, addressee, total_cents, state. */
type InvoiceRow = [string, string, string, string, number, string];
/** id, invoice_id, position, child_id, child_name, activity_id, flat_fee_id, label, quantity, unit_price_cents, amount_cents. */
type LineRow = [string, string, number, string | null, string | null, string | null, string | null, string, number, number, number];
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
 * each other; then it claims the unbilled days into `billed_days` (one row per child and
 * activity, a mask of its days: see `claimDays`), skipping the days already in force, and
 * that table's unique index is the database's guard. Lines are then aggregated from exactly
 * the rows this run claimed, so a booking changing meanwhile cannot make a line and its days
 * disagree. Flat fees are claimed in `billed_items`, one key per family and period. Invoice
 * numbers are taken in one block from the commune's gapless counter for the year of issue,
 * in the same transaction.
 */
export async function billMonth(options: RunOptions, transaction: Transaction): Promise<RunResult> {
  const { communeId, month } = options;
  const now = options.now ?? new Date();
  const sequelize = Invoice.sequelize;
  if (!sequelize) throw new Error('models not initialised');
  const runNumber = await nextNumber(communeId, 'billing-run', transaction);
  const runId = randomUUID();
  const settings = await settingsOf(communeId, transaction);
  const no = falseLiteral(sequelize.getDialect());
  // 1. Claim every booked, priced, unbilled day of the month (and, when the commune bills
  // them, the days a child was present without a booking): one row per child and activity.
  const claim = { communeId, runId, month, familyIds: options.familyIds };
  await claimDays(sequelize, 'booking', claim, transaction);
  if (settings.bill_unbooked_attendance) await claimDays(sequelize, 'attendance', claim, transaction);

  // 2. What this run claimed, per family, child and activity, with the child's name and the
  // family's address and quotient: one read of a few thousand groups (the days stay in the database).
  // Hand-written reads through selectRows: on SQLite straight to the driver (Sequelize
  // would look over each of the thousands of rows again).
  const counted = (await selectRows(
    sequelize,
    `SELECT g.family_id, g.child_id, g.activity_id, g.quantity, c.first_name, c.last_name,
       f.number, f.address_line1, f.address_line2, f.postal_code, f.city, f.quotient_familial
     FROM (SELECT family_id, child_id, activity_id, SUM(quantity) AS quantity FROM billed_days
           WHERE run_id = :runId GROUP BY family_id, child_id, activity_id) g
     JOIN children c ON c.id = g.child_id
     JOIN families f ON f.id = g.family_id`,
    { runId },
    transaction,
  )) as unknown as ClaimedGroup[];
  const countedByFamily = groupBy(counted, (r) => r.family_id);
  const familyIds = [...countedByFamily.keys()];

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
  const activities = await Activity.findAll({ where: { commune_id: communeId }, attributes: ['id', 'name', 'position'], transaction });
  const tariffs = await ActivityTariff.findAll({ where: { commune_id: communeId }, transaction });
  const guardians: GuardianName[] = [];
  for (let i = 0; i < familyIds.length; i += READ_CHUNK) {
    guardians.push(
      ...((await selectRows(
        sequelize,
        'SELECT family_id, first_name, last_name, position FROM guardians WHERE family_id IN (:ids)',
        { ids: familyIds.slice(i, i + READ_CHUNK) },
        transaction,
      )) as unknown as GuardianName[]),
    );
  }
  const families = [...countedByFamily.values()].map((rows) => rows[0] as ClaimedGroup);
  families.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const tariffByActivity = new Map(tariffs.map((t) => [t.activity_id, t.bracketList]));
  const feesByFamily = groupBy(feeItems, (f) => f.familyId);
  const guardiansByFamily = groupBy(guardians, (g) => g.family_id);

  const issuedOn = civilDateOf(now);
  const year = Number(issuedOn.slice(0, 4));
  const dueDate = addDays(issuedOn, settings.payment_term_days);
  const first = families.length ? await reserveNumbers(communeId, `invoice-${year}`, families.length, transaction) : 0;
  const invoices: InvoiceRow[] = [];
  const lines: LineRow[] = [];
  let runTotal = 0;
  for (const [index, family] of families.entries()) {
    const invoiceId = randomUUID();
    let total = 0;
    let position = 0;
    const rows = (countedByFamily.get(family.family_id) ?? []).sort(
      (a, b) =>
        byName.compare(a.first_name, b.first_name) ||
        (activityById.get(a.activity_id)?.position ?? 0) - (activityById.get(b.activity_id)?.position ?? 0),
    );
    for (const row of rows) {
      const brackets = tariffByActivity.get(row.activity_id);
      if (!brackets) throw new Error('a claimed day has no tariff');
      const quantity = Number(row.quantity);
      const unit = unitPriceFor(brackets, family.quotient_familial === null ? null : Number(family.quotient_familial));
      total += quantity * unit;
      const label = activityById.get(row.activity_id)?.name ?? '';
      const childName = `${row.first_name} ${row.last_name}`;
      lines.push([
        randomUUID(),
        invoiceId,
        position++,
        row.child_id,
        childName,
        row.activity_id,
        null,
        label,
        quantity,
        unit,
        quantity * unit,
      ]);
    }
    for (const { fee } of feesByFamily.get(family.family_id) ?? []) {
      total += fee.amount_cents;
      lines.push([randomUUID(), invoiceId, position++, null, null, null, fee.id, fee.label, 1, fee.amount_cents, fee.amount_cents]);
    }
    const addressee: Addressee = {
      familyNumber: family.number,
      names: (guardiansByFamily.get(family.family_id) ?? [])
        .sort((a, b) => a.position - b.position)
        .map((g) => `${g.first_name} ${g.last_name}`),
      address: [family.address_line1, family.address_line2, `${family.postal_code} ${family.city}`].filter((l): l is string => !!l),
    };
    const state = invoiceState({ totalCents: total, creditedCents: 0, paidCents: 0, cancelled: false });
    invoices.push([invoiceId, family.family_id, invoiceNumber(year, first + index), JSON.stringify(addressee), total, state]);
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
  await insertRows(sequelize, 'invoices', ['id', 'family_id', 'number', 'addressee', 'total_cents', 'state'], invoices, {
    transaction,
    constants: {
      commune_id: communeId,
      run_id: runId,
      month,
      issued_on: issuedOn,
      due_date: dueDate,
      credited_cents: 0,
      paid_cents: 0,
      replaces_invoice_id: options.replacesInvoiceId ?? null,
      created_at: now,
    },
  });
  const lineColumns = [
    'id',
    'invoice_id',
    'position',
    'child_id',
    'child_name',
    'activity_id',
    'flat_fee_id',
    'label',
    'quantity',
    'unit_price_cents',
    'amount_cents',
  ];
  await insertRows(sequelize, 'invoice_lines', lineColumns, lines, { transaction });
  await insertRows(
    sequelize,
    'billed_items',
    ['ref_id', 'family_id'],
    feeItems.map((f) => [f.key, f.familyId]),
    {
      transaction,
      constants: { commune_id: communeId, kind: 'fee', run_id: runId, child_id: null, activity_id: null, date: null, released: false },
    },
  );
  await audit(
    { communeId, actorId: options.actorId, action: 'billing.run', target: { type: 'billing_run', id: runId }, ip: options.ip },
    transaction,
  );
  return { run, invoiceIds: invoices.map((i) => i[0]), invoiceNumbers: invoices.map((i) => i[2]) };
}

/** Gives back the days (and fees) an invoice covered, after a cancelling credit note: they may be billed again. */
export async function releaseItems(runId: string, familyId: string, transaction: Transaction): Promise<void> {
  const yes = Invoice.sequelize?.getDialect() === 'postgres' ? 'true' : '1';
  for (const table of ['billed_days', 'billed_items']) {
    await Invoice.sequelize?.query(`UPDATE ${table} SET released = ${yes} WHERE run_id = :runId AND family_id = :familyId`, {
      replacements: { runId, familyId },
      transaction,
    });
  }
}

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
