import type { Transaction } from 'sequelize';
import { Account } from '../accounts/account.models.js';
import { Family } from '../families/family.models.js';
import type { Payment } from './payment.models.js';
import { linesOf } from './payment-service.js';

/** How staff settled a flagged payment, and who did. */
async function resolutionOf(payment: Payment, transaction?: Transaction) {
  if (!payment.resolution || !payment.resolved_at) return null;
  const by = payment.resolved_by
    ? await Account.findByPk(payment.resolved_by, { attributes: ['id', 'display_name'], ...(transaction ? { transaction } : {}) })
    : null;
  return {
    decision: payment.resolution,
    comment: payment.resolution_comment ?? '',
    resolvedAt: payment.resolved_at.toISOString(),
    resolvedBy: { accountId: payment.resolved_by ?? '', displayName: by?.display_name ?? '' },
  };
}

/** The contract's Payment; families never see the staff-only anomaly flag nor how staff settled it. */
export async function toPayment(payment: Payment, view: 'family' | 'staff', transaction?: Transaction) {
  const staff = view === 'staff';
  const t = transaction ? { transaction } : {};
  const family = await Family.findByPk(payment.family_id, { attributes: ['id', 'number'], ...t });
  return {
    id: payment.id,
    reference: payment.reference,
    familyId: payment.family_id,
    familyNumber: family?.number ?? '',
    method: payment.method,
    state: payment.state,
    amountCents: payment.amount_cents,
    allocatedCents: payment.allocated_cents,
    creditedToAccountCents: payment.credit_cents,
    invoices: await linesOf(payment, transaction),
    createdAt: payment.created_at.toISOString(),
    decidedAt: payment.decided_at ? payment.decided_at.toISOString() : null,
    refusalReason: payment.refusal_reason ?? null,
    anomaly: staff ? (payment.anomaly ?? null) : null,
    reportedAmountCents: staff ? (payment.reported_cents ?? null) : null,
    resolution: staff ? await resolutionOf(payment, transaction) : null,
  };
}
