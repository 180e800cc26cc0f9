import type { Transaction } from 'sequelize';
import { CreditNote, Invoice, InvoiceLine } from './billing.models.js';
import { amountDue } from './rules/invoices.js';

/** The contract's InvoiceSummary. */
export function toInvoiceSummary(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    familyId: invoice.family_id,
    familyNumber: invoice.addresseeData.familyNumber,
    month: invoice.month,
    issuedOn: invoice.issued_on,
    dueDate: invoice.due_date,
    state: invoice.state,
    totalCents: invoice.total_cents,
    creditedCents: invoice.credited_cents,
    paidCents: invoice.paid_cents,
    dueCents:
      invoice.state === 'cancelled'
        ? 0
        : amountDue({ totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents }),
  };
}

export function toCreditNote(note: CreditNote) {
  return {
    id: note.id,
    number: note.number,
    invoiceId: note.invoice_id,
    issuedOn: note.issued_on,
    amountCents: note.amount_cents,
    kind: note.kind,
    reason: note.reason,
  };
}

export async function invoiceDetails(invoice: Invoice, transaction?: Transaction) {
  const t = transaction ? { transaction } : {};
  const lines = await InvoiceLine.findAll({ where: { invoice_id: invoice.id }, order: [['position', 'ASC']], ...t });
  const notes = await CreditNote.findAll({
    where: { invoice_id: invoice.id },
    order: [
      ['created_at', 'ASC'],
      ['number', 'ASC'],
    ],
    ...t,
  });
  return { lines, notes };
}

/** The contract's Invoice: the summary, its lines and its credit notes. */
export async function toInvoice(invoice: Invoice, transaction?: Transaction) {
  const { lines, notes } = await invoiceDetails(invoice, transaction);
  return {
    ...toInvoiceSummary(invoice),
    lines: lines.map((l) => ({
      childId: l.child_id,
      childName: l.child_name,
      activityId: l.activity_id,
      label: l.label,
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      amountCents: l.amount_cents,
    })),
    creditNotes: notes.map(toCreditNote),
    replacesInvoiceId: invoice.replaces_invoice_id,
  };
}
