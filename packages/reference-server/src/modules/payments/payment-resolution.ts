import { Op, type Transaction } from 'sequelize';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import type { Commune } from '../communes/commune.model.js';
import { Payment, PaymentInvoice } from './payment.models.js';
import { addCredit, lockFamilyInvoices, spreadOverInvoices } from './payment-service.js';

/** What staff decide about a flagged payment (the contract's PaymentResolutionInput). */
export type FlaggedPaymentDecision = { decision: 'accept'; amountCents: number; comment: string } | { decision: 'reject'; comment: string };

/**
 * Settles an online payment flagged for staff (`anomaly`), in the caller's write transaction.
 * The payment leaves « pending and flagged » by one conditional update: of two staff members
 * deciding at the same instant, one changes the row and goes on, the other changes nothing
 * and gets `payment_not_flagged` — so the money is allocated once.
 * - accept: `amountCents` is what actually came in; it goes to the payment's invoices in its
 *   order, never more than each owes; the rest becomes the family's credit.
 * - reject: the payment is refused (`rejected`) and its invoices are free to pay again.
 */
export async function resolveFlaggedPayment(
  args: { commune: Commune; actorId: string; paymentId: string; decision: FlaggedPaymentDecision; ip: string | undefined },
  transaction: Transaction,
): Promise<{ payment: Payment; validated: boolean }> {
  const { commune, decision } = args;
  const comment = decision.comment.trim();
  if (comment === '') throw new HttpProblem(400, 'validation_failed', 'A comment says why.');
  const payment = await Payment.findOne({ where: { id: args.paymentId, commune_id: commune.id }, transaction });
  if (!payment) throw new HttpProblem(404, 'not_found');
  const now = new Date();
  const flagged = { id: payment.id, state: 'pending', anomaly: { [Op.ne]: null }, resolution: null };
  const settled = { resolution_comment: comment, resolved_by: args.actorId, resolved_at: now, decided_at: now };

  if (decision.decision === 'accept') {
    const [changed] = await Payment.update(
      { ...settled, state: 'validated', resolution: 'accepted', amount_cents: decision.amountCents, received_on: civilDateOf(now) },
      { where: flagged, transaction },
    );
    if (changed !== 1) throw new HttpProblem(409, 'payment_not_flagged');
    const rows = await PaymentInvoice.findAll({ where: { payment_id: payment.id }, order: [['position', 'ASC']], transaction });
    const invoiceIds = rows.map((r) => r.invoice_id);
    await lockFamilyInvoices(commune.id, payment.family_id, invoiceIds, transaction);
    const { taken, left } = await spreadOverInvoices(commune.id, invoiceIds, decision.amountCents, transaction);
    for (const [i, row] of rows.entries())
      await PaymentInvoice.update(
        { allocated_cents: taken[i] ?? 0, live_invoice_id: null },
        { where: { payment_id: payment.id, invoice_id: row.invoice_id }, transaction },
      );
    if (left > 0) await addCredit(payment, left, 'overpayment', transaction);
    await Payment.update({ allocated_cents: decision.amountCents - left, credit_cents: left }, { where: { id: payment.id }, transaction });
  } else {
    const [changed] = await Payment.update(
      { ...settled, state: 'refused', refusal_reason: 'rejected', resolution: 'rejected' },
      { where: flagged, transaction },
    );
    if (changed !== 1) throw new HttpProblem(409, 'payment_not_flagged');
    await PaymentInvoice.update({ live_invoice_id: null }, { where: { payment_id: payment.id }, transaction });
  }
  await audit(
    {
      communeId: commune.id,
      actorId: args.actorId,
      action: decision.decision === 'accept' ? 'payment.anomaly_accepted' : 'payment.anomaly_rejected',
      target: { type: 'payment', id: payment.id },
      familyId: payment.family_id,
      ip: args.ip,
    },
    transaction,
  );
  return { payment: await payment.reload({ transaction }), validated: decision.decision === 'accept' };
}
