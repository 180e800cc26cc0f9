import type { Commune } from '../communes/commune.model.js';
import type { CreditNote, Invoice, InvoiceLine } from './billing.models.js';
import { drawAddressee, drawFooter, drawIssuer, drawLines, type Issuer, LEFT, pdfDocument, totals } from './pdf-layout.js';
import { amountDue, frenchDate, monthLabel } from './rules/invoices.js';

const STATE_LABELS: Record<Invoice['state'], string> = {
  to_pay: 'À payer',
  partly_paid: 'Partiellement payée',
  paid: 'Payée',
  cancelled: 'Annulée (avoir)',
};

/**
 * The invoice as a PDF (A4, the standard Helvetica fonts): the commune's identity, the family
 * as addressed at issue, the lines, the credit notes and the totals. Generated on demand from
 * the stored invoice, which never changes, so the document never does either — apart from
 * the amounts paid and credited since.
 */
export function invoicePdf(commune: Commune, issuer: Issuer, invoice: Invoice, lines: InvoiceLine[], notes: CreditNote[]): Promise<Buffer> {
  const { doc, done } = pdfDocument({
    Title: `Facture ${invoice.number}`,
    Author: `Mairie de ${commune.name}`,
    Subject: `Facture ${monthLabel(invoice.month)}`,
  });
  drawIssuer(doc, commune, issuer);
  drawAddressee(doc, invoice.addresseeData);

  doc.font('Helvetica-Bold').fontSize(16).text(`Facture n° ${invoice.number}`, LEFT, 220);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Période : ${monthLabel(invoice.month)}`);
  doc.text(`Émise le ${frenchDate(invoice.issued_on)} — à régler avant le ${frenchDate(invoice.due_date)}`);
  if (invoice.state === 'cancelled') doc.font('Helvetica-Bold').text('Facture annulée par avoir.').font('Helvetica');

  const total = totals(doc, drawLines(doc, lines, 300));
  total.add('Total', invoice.total_cents, true);
  for (const note of notes) total.add(`Avoir n° ${note.number}`, -note.amount_cents);
  if (invoice.paid_cents > 0) total.add('Déjà payé', -invoice.paid_cents);
  const due =
    invoice.state === 'cancelled'
      ? 0
      : amountDue({ totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents });
  total.add('Reste à payer', due, true);
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`État : ${STATE_LABELS[invoice.state]}`, LEFT, total.y + 8);

  drawFooter(
    doc,
    `Paiement en ligne sur le Portail Famille de ${commune.name}, rubrique « Mes factures ». Pour toute question, rappelez le numéro de la facture.`,
  );
  doc.end();
  return done;
}
