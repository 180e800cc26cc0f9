import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { nextNumber } from '../../platform/db/sequences.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Account } from '../accounts/account.models.js';
import { audit } from '../audit/audit.js';
import { allocateToInvoice } from '../billing/allocation.js';
import { Invoice } from '../billing/billing.models.js';
import { lockInvoice } from '../billing/credit-notes.js';
import { amountDue } from '../billing/rules/invoices.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import type { Commune } from '../communes/commune.model.js';
import { Family } from '../families/family.models.js';
import { FamilyCredit, Payment, PaymentInvoice, PaymentProviderAnswer } from './payment.models.js';
import { checkOperation, type OperationCheck } from './providers/check-operation.js';
import { type BrowserRedirect, type PaymentProvider, PaymentProviderError, type ProviderKind } from './providers/provider.js';
import {
  currentProviderAccount,
  OPERATION_ID_READERS,
  type ProviderAccount,
  paymentProviderFor,
  providerForAccount,
} from './providers/settings.js';
import { sendReceiptMails } from './receipt.js';

/** What may be paid online at once: PayFiP takes 1,00 € to 100 000 €. */
export const MIN_ONLINE_CENTS = 100;
export const MAX_ONLINE_CENTS = 10_000_000;

type AnswerSource = 'notification' | 'return' | 'reconciliation';

/** `PAY2026000042`: a PayFiP `refdet` (1–30 `[A-Za-z0-9]`), unique per commune. */
function paymentReference(year: string, n: number): string {
  return `PAY${year}${String(n).padStart(6, '0')}`;
}

async function newReference(communeId: string, now: Date, transaction: Transaction): Promise<string> {
  const year = civilDateOf(now).slice(0, 4);
  return paymentReference(year, await nextNumber(communeId, `payment-${year}`, transaction));
}

/** Invoices of one family, locked in id order (PostgreSQL: a fixed lock order, no deadlock). */
export async function lockFamilyInvoices(
  communeId: string,
  familyId: string,
  invoiceIds: string[],
  transaction: Transaction,
): Promise<Invoice[]> {
  const locked = new Map<string, Invoice>();
  for (const id of [...invoiceIds].sort()) {
    const invoice = await lockInvoice(communeId, id, transaction);
    if (invoice.family_id !== familyId) throw new HttpProblem(404, 'not_found');
    locked.set(id, invoice);
  }
  return invoiceIds.map((id) => locked.get(id) as Invoice);
}

const dueOf = (invoice: Invoice) =>
  invoice.state === 'cancelled'
    ? 0
    : amountDue({ totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents });

/** The portal page the provider sends the parent back to, with the payment id in its query. */
export function returnUrlFor(commune: Commune, wanted: string | undefined, paymentId: string): string {
  const allowed = new Set([...commune.allowedOrigins, new URL(commune.portal_url).origin]);
  const url = new URL(wanted ?? commune.portal_url);
  if (!['http:', 'https:'].includes(url.protocol) || !allowed.has(url.origin))
    throw new HttpProblem(400, 'validation_failed', 'returnUrl must be a page of the portal or of one of the commune’s sites.');
  url.searchParams.set('pf-payment', paymentId);
  return url.toString();
}

/**
 * « Payer en ligne »: records the payment (pending, the invoices held) in one write
 * transaction, idempotently, then — outside it — asks the provider for an operation.
 * Amounts are what is due now, computed here.
 */
export async function createOnlinePayment(
  ctx: AppContext,
  commune: Commune,
  args: { account: Account; familyId: string; invoiceIds: string[]; returnUrl: string | undefined; key: string | undefined },
): Promise<{ payment: Payment; redirect: BrowserRedirect }> {
  let account: ProviderAccount;
  let provider: PaymentProvider;
  try {
    account = await currentProviderAccount(ctx, commune.id);
    provider = providerForAccount(ctx, commune, account);
  } catch (error) {
    if (error instanceof PaymentProviderError) throw new HttpProblem(409, 'online_payment_unavailable');
    throw error;
  }
  // A return address off the commune's sites is refused before anything is written.
  if (args.returnUrl !== undefined) returnUrlFor(commune, args.returnUrl, 'check');
  const answer = await oncePerKey(ctx, commune, args, async (transaction) => {
    const now = new Date();
    const invoices = await lockFamilyInvoices(commune.id, args.familyId, args.invoiceIds, transaction);
    for (const invoice of invoices) {
      if (dueOf(invoice) === 0) throw new HttpProblem(409, 'invoice_not_payable', `Nothing is due on invoice ${invoice.number}.`);
    }
    const live = await PaymentInvoice.findOne({ where: { live_invoice_id: { [Op.in]: args.invoiceIds } }, transaction });
    if (live) throw new HttpProblem(409, 'payment_in_progress');
    const total = invoices.reduce((sum, invoice) => sum + dueOf(invoice), 0);
    if (total < MIN_ONLINE_CENTS) throw new HttpProblem(409, 'invoice_not_payable', 'Online payments start at 1,00 €.');
    if (total > MAX_ONLINE_CENTS) throw new HttpProblem(409, 'invoice_not_payable', 'Too much at once for an online payment.');
    const payment = await Payment.create(
      {
        id: randomUUID(),
        commune_id: commune.id,
        family_id: args.familyId,
        reference: await newReference(commune.id, now, transaction),
        method: 'online',
        state: 'pending',
        amount_cents: total,
        allocated_cents: 0,
        credit_cents: 0,
        provider: account.kind,
        payfip_numcli: account.kind === 'payfip' ? account.numcli : null,
        payfip_mode: account.kind === 'payfip' ? account.mode : null,
        payer_email: args.account.email,
        created_at: now,
      },
      { transaction },
    );
    await PaymentInvoice.bulkCreate(
      invoices.map((invoice, position) => ({
        payment_id: payment.id,
        invoice_id: invoice.id,
        position,
        amount_cents: dueOf(invoice),
        allocated_cents: 0,
        live_invoice_id: invoice.id,
      })),
      { transaction },
    );
    return { status: 201, body: { paymentId: payment.id } };
  });
  const paymentId = (answer.body as { paymentId: string }).paymentId;
  let payment = await Payment.findByPk(paymentId, { rejectOnEmpty: true });
  if (payment.redirect) return { payment, redirect: JSON.parse(payment.redirect) as BrowserRedirect };
  if (payment.state !== 'pending') throw new HttpProblem(503, 'payment_provider_unavailable');

  const numbers = (await linesOf(payment)).map((l) => l.invoiceNumber);
  try {
    const op = await provider.createOperation({
      reference: payment.reference,
      amountCents: payment.amount_cents,
      label: `${numbers.length > 1 ? 'Factures' : 'Facture'} ${numbers.join(' ')}`.slice(0, 100),
      payerEmail: args.account.email,
      notifyUrl: `${ctx.config.publicBaseUrl}/v1/communes/${commune.slug}/payment-notifications`,
      returnUrl: returnUrlFor(commune, args.returnUrl, payment.id),
    });
    await ctx.db.write(async (transaction) => {
      const [changed] = await Payment.update(
        { operation_id: op.operationId, redirect: JSON.stringify(op.redirect) },
        { where: { id: payment.id, operation_id: null }, transaction },
      );
      if (changed === 1)
        await PaymentProviderAnswer.create(
          { id: randomUUID(), payment_id: payment.id, source: 'creation', decision: 'created', raw: op.raw, received_at: op.receivedAt },
          { transaction },
        );
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // Nothing was sent to the parent: the attempt failed, the invoices are free again.
    await ctx.db.write(async (transaction) => {
      const [changed] = await Payment.update(
        { state: 'refused', refusal_reason: 'failed', decided_at: new Date() },
        { where: { id: payment.id, state: 'pending', operation_id: null }, transaction },
      );
      if (changed === 1) {
        await PaymentInvoice.update({ live_invoice_id: null }, { where: { payment_id: payment.id }, transaction });
        await PaymentProviderAnswer.create(
          {
            id: randomUUID(),
            payment_id: payment.id,
            source: 'creation',
            decision: `failed:${error.kind}`,
            raw: error.details.raw ?? error.message,
            received_at: new Date(),
          },
          { transaction },
        );
      }
    });
    payment = await payment.reload();
    if (!payment.redirect) throw new HttpProblem(503, 'payment_provider_unavailable');
  }
  payment = await payment.reload();
  return { payment, redirect: JSON.parse(payment.redirect ?? 'null') as BrowserRedirect };
}

/** `once()` keyed by the parent's Idempotency-Key over what they asked to pay. */
function oncePerKey(
  ctx: AppContext,
  commune: Commune,
  args: { account: Account; invoiceIds: string[]; returnUrl: string | undefined; key: string | undefined },
  work: (transaction: Transaction) => Promise<{ status: number; body: unknown }>,
) {
  return once(
    ctx.db,
    {
      communeId: commune.id,
      accountId: args.account.id,
      key: args.key,
      request: { op: 'createPayment', invoiceIds: args.invoiceIds, returnUrl: args.returnUrl ?? null },
    },
    work,
  );
}

/** The invoices a payment covers, in the order chosen, with their numbers. */
export async function linesOf(payment: Payment, transaction?: Transaction) {
  const t = transaction ? { transaction } : {};
  const rows = await PaymentInvoice.findAll({ where: { payment_id: payment.id }, order: [['position', 'ASC']], ...t });
  const invoices = await Invoice.findAll({ where: { id: { [Op.in]: rows.map((r) => r.invoice_id) } }, attributes: ['id', 'number'], ...t });
  const numberOf = new Map(invoices.map((i) => [i.id, i.number]));
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: numberOf.get(r.invoice_id) ?? '',
    amountCents: r.amount_cents,
    allocatedCents: r.allocated_cents,
  }));
}

/**
 * Puts a validated online payment on its invoices, in the caller's write transaction. Only
 * the caller whose conditional update moved the payment out of `pending` calls this, so it
 * runs once per payment. An invoice paid meanwhile (a cheque) takes less: the rest becomes
 * the family's credit — no money lost.
 */
async function allocateOnline(payment: Payment, transaction: Transaction): Promise<{ allocated: number; credit: number }> {
  const rows = await PaymentInvoice.findAll({ where: { payment_id: payment.id }, order: [['invoice_id', 'ASC']], transaction });
  let allocated = 0;
  for (const row of rows) {
    const taken = await allocateToInvoice(payment.commune_id, row.invoice_id, row.amount_cents, transaction);
    allocated += taken;
    await PaymentInvoice.update(
      { allocated_cents: taken, live_invoice_id: null },
      { where: { payment_id: payment.id, invoice_id: row.invoice_id }, transaction },
    );
  }
  const credit = payment.amount_cents - allocated;
  if (credit > 0) await addCredit(payment, credit, 'overpayment', transaction);
  return { allocated, credit };
}

/**
 * Puts up to `cents` on the invoices in the order given, each never more than it still owes
 * (the caller holds their locks, taken in id order); answers what each one took and what is left.
 */
export async function spreadOverInvoices(
  communeId: string,
  invoiceIds: readonly string[],
  cents: number,
  transaction: Transaction,
): Promise<{ taken: number[]; left: number }> {
  let left = cents;
  const taken: number[] = [];
  for (const invoiceId of invoiceIds) {
    const share = await allocateToInvoice(communeId, invoiceId, left, transaction);
    taken.push(share);
    left -= share;
  }
  return { taken, left };
}

export async function addCredit(payment: Payment, cents: number, reason: 'overpayment' | 'used', transaction: Transaction): Promise<void> {
  await FamilyCredit.create(
    {
      id: randomUUID(),
      commune_id: payment.commune_id,
      family_id: payment.family_id,
      payment_id: payment.id,
      amount_cents: reason === 'used' ? -cents : cents,
      reason,
      source_key: `${reason}:${payment.id}`,
      created_at: new Date(),
    },
    { transaction },
  );
}

/** The family's credit: what it paid beyond what it owed, minus what was used. */
export async function creditBalance(communeId: string, familyId: string, transaction?: Transaction): Promise<number> {
  const sum = await FamilyCredit.sum('amount_cents', {
    where: { commune_id: communeId, family_id: familyId },
    ...(transaction ? { transaction } : {}),
  });
  return Number(sum ?? 0);
}

/**
 * Records what the provider said about a payment, and applies it: validated → allocated
 * (exactly once: the conditional update `WHERE state = 'pending'` lets one caller through),
 * refused → the invoices are freed, anomaly → flagged, nothing applied, pending → later.
 */
export async function applyCheck(
  ctx: AppContext,
  payment: Payment,
  source: AnswerSource,
  check: OperationCheck,
): Promise<{ payment: Payment; validatedNow: boolean }> {
  const { decision } = check;
  const now = new Date();
  const validatedNow = await ctx.db.write(async (transaction) => {
    await PaymentProviderAnswer.create(
      {
        id: randomUUID(),
        payment_id: payment.id,
        source,
        decision: 'reason' in decision ? `${decision.state}:${decision.reason}` : decision.state,
        raw: check.result?.raw ?? check.error?.details.raw ?? check.error?.message ?? null,
        received_at: check.result?.receivedAt ?? now,
      },
      { transaction },
    );
    const open = { id: payment.id, state: 'pending', anomaly: null };
    switch (decision.state) {
      case 'validated': {
        const [changed] = await Payment.update(
          { state: 'validated', decided_at: now, checked_at: now, received_on: civilDateOf(now) },
          { where: open, transaction },
        );
        if (changed !== 1) return false;
        const fresh = await Payment.findByPk(payment.id, { transaction, rejectOnEmpty: true });
        const { allocated, credit } = await allocateOnline(fresh, transaction);
        await Payment.update({ allocated_cents: allocated, credit_cents: credit }, { where: { id: payment.id }, transaction });
        return true;
      }
      case 'refused': {
        const [changed] = await Payment.update(
          { state: 'refused', refusal_reason: decision.reason, decided_at: now, checked_at: now },
          { where: open, transaction },
        );
        if (changed === 1) await PaymentInvoice.update({ live_invoice_id: null }, { where: { payment_id: payment.id }, transaction });
        return false;
      }
      case 'anomaly': {
        // Money may have moved: nothing applied, the invoices stay held, staff must look.
        const [changed] = await Payment.update(
          { anomaly: decision.reason, reported_cents: check.result?.amountCents ?? null, checked_at: now },
          { where: open, transaction },
        );
        if (changed === 1)
          await audit(
            { communeId: payment.commune_id, actorId: null, action: 'payment.anomaly', target: { type: 'payment', id: payment.id } },
            transaction,
          );
        return false;
      }
      case 'pending':
        await Payment.update({ checked_at: now }, { where: open, transaction });
        return false;
    }
  });
  const fresh = await payment.reload();
  if (validatedNow) sendReceiptMails(ctx, fresh);
  return { payment: fresh, validatedNow };
}

/**
 * The provider a payment was made with, with the account it was made with — never the
 * commune's current choice, which may have changed since. A PayFiP payment recorded without
 * its régie (none is, since migration 0013) falls back on the commune's PayFiP settings.
 */
function providerOfPayment(ctx: AppContext, commune: Commune, kind: ProviderKind, payment: Payment): Promise<PaymentProvider> {
  if (kind === 'sandbox') return Promise.resolve(providerForAccount(ctx, commune, { kind: 'sandbox' }));
  if (payment.payfip_numcli && payment.payfip_mode)
    return Promise.resolve(providerForAccount(ctx, commune, { kind: 'payfip', numcli: payment.payfip_numcli, mode: payment.payfip_mode }));
  return paymentProviderFor(ctx, commune, 'payfip');
}

/** Asks the payment's provider about it (never trusts the notification or the browser) and applies the answer. */
export async function checkPayment(ctx: AppContext, commune: Commune, payment: Payment, source: AnswerSource): Promise<Payment> {
  const kind = payment.provider;
  if (payment.state !== 'pending' || payment.anomaly || !payment.operation_id || !kind) return payment;
  let provider: PaymentProvider;
  try {
    provider = await providerOfPayment(ctx, commune, kind, payment);
  } catch (error) {
    if (error instanceof PaymentProviderError) return payment;
    throw error;
  }
  const check = await checkOperation(
    provider,
    { operationId: payment.operation_id, reference: payment.reference, amountCents: payment.amount_cents },
    payment.created_at,
  );
  return (await applyCheck(ctx, payment, source, check)).payment;
}

/**
 * The payment a notification is about (by the operation id as each provider carries it), or
 * null — whichever provider the commune uses now: a payment is confirmed with its own.
 */
export async function paymentOfNotification(commune: Commune, message: { query?: unknown; body?: unknown }): Promise<Payment | null> {
  for (const [kind, operationIdFrom] of Object.entries(OPERATION_ID_READERS)) {
    let operationId: string;
    try {
      operationId = operationIdFrom(message);
    } catch {
      continue;
    }
    const payment = await Payment.findOne({ where: { commune_id: commune.id, provider: kind, operation_id: operationId } });
    if (payment) return payment;
  }
  return null;
}

/** An attempt that never reached the provider (a crash between the two steps) is over after this. */
const ABANDONED_CREATION_MS = 30 * 60 * 1000;

/**
 * The reconciliation: asks the provider about every online payment of the commune still
 * pending (the notification lost, the tab closed, the provider down at the time).
 */
export async function reconcileCommune(ctx: AppContext, commune: Commune, olderThanMs = 0) {
  const now = Date.now();
  const pending = await Payment.findAll({
    where: {
      commune_id: commune.id,
      method: 'online',
      state: 'pending',
      anomaly: null,
      created_at: { [Op.lte]: new Date(now - olderThanMs) },
    },
    order: [['created_at', 'ASC']],
    limit: 500,
  });
  const counts = { checked: 0, validated: 0, refused: 0, pending: 0, anomalies: 0 };
  for (const payment of pending) {
    counts.checked++;
    let after = payment;
    if (!payment.operation_id) {
      if (now - payment.created_at.getTime() > ABANDONED_CREATION_MS) {
        await ctx.db.write(async (transaction) => {
          const [changed] = await Payment.update(
            { state: 'refused', refusal_reason: 'failed', decided_at: new Date() },
            { where: { id: payment.id, state: 'pending', operation_id: null }, transaction },
          );
          if (changed === 1) await PaymentInvoice.update({ live_invoice_id: null }, { where: { payment_id: payment.id }, transaction });
        });
        after = await payment.reload();
      }
    } else {
      after = await checkPayment(ctx, commune, payment, 'reconciliation');
    }
    if (after.anomaly) counts.anomalies++;
    else if (after.state === 'validated') counts.validated++;
    else if (after.state === 'refused') counts.refused++;
    else counts.pending++;
  }
  return counts;
}

export type DeskMethod = 'cheque' | 'cash' | 'cesu' | 'card_desk' | 'credit';

/**
 * A payment received at the desk (or paid from the family's credit), in the caller's write
 * transaction: validated at once, put on the invoices in the order given (never more than
 * due); what is left becomes credit.
 */
export async function recordDeskPayment(
  args: {
    commune: Commune;
    actorId: string;
    familyId: string;
    method: DeskMethod;
    amountCents: number;
    invoiceIds: string[];
    receivedOn: string;
    reference: string | null;
    ip: string | undefined;
  },
  transaction: Transaction,
): Promise<Payment> {
  const { commune } = args;
  // The family row is the lock that makes two uses of one credit wait for each other.
  const family = await Family.findOne({ where: { id: args.familyId, commune_id: commune.id }, lock: transaction.LOCK.UPDATE, transaction });
  if (!family) throw new HttpProblem(404, 'not_found');
  await lockFamilyInvoices(commune.id, family.id, args.invoiceIds, transaction);
  if (args.method === 'credit' && (await creditBalance(commune.id, family.id, transaction)) < args.amountCents)
    throw new HttpProblem(409, 'insufficient_credit');
  const now = new Date();
  const payment = await Payment.create(
    {
      id: randomUUID(),
      commune_id: commune.id,
      family_id: family.id,
      reference: await newReference(commune.id, now, transaction),
      method: args.method,
      state: 'validated',
      amount_cents: args.amountCents,
      allocated_cents: 0,
      credit_cents: 0,
      external_reference: args.reference,
      received_on: args.receivedOn,
      actor_account_id: args.actorId,
      created_at: now,
      decided_at: now,
    },
    { transaction },
  );
  const { taken, left } = await spreadOverInvoices(commune.id, args.invoiceIds, args.amountCents, transaction);
  await PaymentInvoice.bulkCreate(
    args.invoiceIds.map((invoiceId, position) => ({
      payment_id: payment.id,
      invoice_id: invoiceId,
      position,
      amount_cents: taken[position] ?? 0,
      allocated_cents: taken[position] ?? 0,
      live_invoice_id: null,
    })),
    { transaction },
  );
  if (args.method === 'credit') {
    if (left > 0) throw new HttpProblem(409, 'invoice_not_payable', 'Credit can only pay what is due on the invoices given.');
    await addCredit(payment, args.amountCents, 'used', transaction);
  } else if (left > 0) {
    await addCredit(payment, left, 'overpayment', transaction);
  }
  await payment.update({ allocated_cents: args.amountCents - left, credit_cents: args.method === 'credit' ? 0 : left }, { transaction });
  await audit(
    { communeId: commune.id, actorId: args.actorId, action: 'payment.recorded', target: { type: 'payment', id: payment.id }, ip: args.ip },
    transaction,
  );
  return payment;
}
