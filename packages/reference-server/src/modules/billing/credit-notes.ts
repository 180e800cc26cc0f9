import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { nextNumber } from '../../platform/db/sequences.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import { CreditNote, Invoice } from './billing.models.js';
import { billMonth, type RunResult, releaseItems } from './billing-run.js';
import { amountDue, creditNoteNumber, invoiceState } from './rules/invoices.js';

export type CreditNoteInput =
  | { kind: 'partial'; amountCents: number; reason: string }
  | { kind: 'cancel'; reason: string; reissue?: boolean };

/** Locks the invoice row (PostgreSQL; SQLite writes are queued) and reads it within its commune. */
export async function lockInvoice(communeId: string, invoiceId: string, transaction: Transaction): Promise<Invoice> {
  const invoice = await Invoice.findOne({ where: { id: invoiceId, commune_id: communeId }, lock: transaction.LOCK.UPDATE, transaction });
  if (!invoice) throw new HttpProblem(404, 'not_found');
  return invoice;
}

/**
 * A staff answer to a disputed invoice; the invoice itself is never edited, only its
 * credited amount and state move. `partial` credits part of what is due. `cancel` credits
 * all that is due, cancels the invoice and gives its days back (they become billable
 * again); with `reissue`, they are billed again at once on a corrected invoice.
 */
export async function issueCreditNote(
  args: { communeId: string; invoiceId: string; actorId: string; input: CreditNoteInput; ip?: string | undefined; now?: Date },
  transaction: Transaction,
): Promise<{ creditNote: CreditNote; invoice: Invoice; corrected: RunResult | null }> {
  const now = args.now ?? new Date();
  const { input } = args;
  // Lock order (PostgreSQL): invoice row → credit-note counter → billing-run counter → invoice
  // counter. A run takes only the last two, in that order: no cycle, no deadlock.
  const invoice = await lockInvoice(args.communeId, args.invoiceId, transaction);
  const amounts = { totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents };
  if (invoice.state === 'cancelled') throw new HttpProblem(409, 'invoice_not_creditable', 'This invoice is already cancelled.');
  const due = amountDue(amounts);
  let amount: number;
  if (input.kind === 'partial') {
    if (input.amountCents > due) throw new HttpProblem(409, 'credit_note_too_large');
    amount = input.amountCents;
  } else {
    if (invoice.paid_cents > 0)
      throw new HttpProblem(409, 'invoice_not_creditable', 'A payment was received for this invoice: credit part of it instead.');
    amount = due;
  }
  const issuedOn = civilDateOf(now);
  const year = Number(issuedOn.slice(0, 4));
  const n = await nextNumber(args.communeId, `credit-note-${year}`, transaction);
  const creditNote = await CreditNote.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      invoice_id: invoice.id,
      number: creditNoteNumber(year, n),
      kind: input.kind,
      amount_cents: amount,
      reason: input.reason,
      issued_on: issuedOn,
      actor_account_id: args.actorId,
      created_at: now,
    },
    { transaction },
  );
  const credited = invoice.credited_cents + amount;
  const cancelled = input.kind === 'cancel';
  await invoice.update(
    { credited_cents: credited, state: invoiceState({ ...amounts, creditedCents: credited, cancelled }) },
    { transaction },
  );
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: cancelled ? 'invoice.cancelled' : 'invoice.credited',
      target: { type: 'invoice', id: invoice.id },
      ip: args.ip,
    },
    transaction,
  );
  let corrected: RunResult | null = null;
  if (cancelled) {
    await releaseItems(invoice.run_id, invoice.family_id, transaction);
    if (input.kind === 'cancel' && input.reissue) {
      corrected = await billMonth(
        {
          communeId: args.communeId,
          month: invoice.month,
          actorId: args.actorId,
          familyIds: [invoice.family_id],
          replacesInvoiceId: invoice.id,
          ip: args.ip,
          now,
        },
        transaction,
      );
    }
  }
  return { creditNote, invoice, corrected };
}
