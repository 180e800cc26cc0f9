import type { Transaction } from 'sequelize';
import type { Payment } from './payment.models.js';
import { linesOf } from './payment-service.js';

/** The contract's Payment; families never see the staff-only anomaly flag. */
export async function toPayment(payment: Payment, view: 'family' | 'staff', transaction?: Transaction) {
  return {
    id: payment.id,
    reference: payment.reference,
    familyId: payment.family_id,
    method: payment.method,
    state: payment.state,
    amountCents: payment.amount_cents,
    allocatedCents: payment.allocated_cents,
    creditedToAccountCents: payment.credit_cents,
    invoices: await linesOf(payment, transaction),
    createdAt: payment.created_at.toISOString(),
    decidedAt: payment.decided_at ? payment.decided_at.toISOString() : null,
    refusalReason: payment.refusal_reason ?? null,
    anomaly: view === 'staff' ? (payment.anomaly ?? null) : null,
  };
}
