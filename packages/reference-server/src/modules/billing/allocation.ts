import type { Transaction } from 'sequelize';
import { lockInvoice } from './credit-notes.js';
import { amountDue, invoiceState } from './rules/invoices.js';

/**
 * For the payments module: puts up to `cents` of a validated payment on an invoice, in the
 * caller's write transaction, and answers how much it took (never more than is due; 0 for a
 * cancelled invoice). The rest is the caller's to keep as the family's credit. The caller
 * guarantees exactly-once (its payment row's state guard), this guarantees "never over".
 */
export async function allocateToInvoice(communeId: string, invoiceId: string, cents: number, transaction: Transaction): Promise<number> {
  const invoice = await lockInvoice(communeId, invoiceId, transaction);
  if (invoice.state === 'cancelled' || cents <= 0) return 0;
  const amounts = { totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents };
  const taken = Math.min(cents, amountDue(amounts));
  if (taken === 0) return 0;
  const paid = invoice.paid_cents + taken;
  await invoice.update({ paid_cents: paid, state: invoiceState({ ...amounts, paidCents: paid, cancelled: false }) }, { transaction });
  return taken;
}
