import type { Commune } from '../communes/commune.model.js';
import type { CreditNote, Invoice, InvoiceLine } from './billing.models.js';
import { drawAddressee, drawFooter, drawIssuer, drawLines, type Issuer, LEFT, pdfDocument, totals } from './pdf-layout.js';
import { frenchDate, monthLabel } from './rules/invoices.js';

/**
 * A credit note (avoir) as a PDF, in the invoice's layout: the commune, the family as addressed
 * on the invoice, the invoice it corrects, the reason, what it credits and its total.
 *
 * A cancelling note credits the invoice's lines, less what earlier notes on it had already
 * credited (a cancellation credits only what was still due); a partial one has a single line.
 * `earlier`: the invoice's credit notes issued before this one.
 */
export function creditNotePdf(
  commune: Commune,
  issuer: Issuer,
  note: CreditNote,
  invoice: Invoice,
  invoiceLines: InvoiceLine[],
  earlier: CreditNote[],
): Promise<Buffer> {
  const { doc, done } = pdfDocument({
    Title: `Avoir ${note.number}`,
    Author: `Mairie de ${commune.name}`,
    Subject: `Avoir sur la facture ${invoice.number}`,
  });
  drawIssuer(doc, commune, issuer);
  drawAddressee(doc, invoice.addresseeData);

  doc.font('Helvetica-Bold').fontSize(16).text(`Avoir n° ${note.number}`, LEFT, 220);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Émis le ${frenchDate(note.issued_on)}`);
  doc.text(
    `${note.kind === 'cancel' ? 'Annule la facture' : 'Avoir partiel sur la facture'} n° ${invoice.number} (${monthLabel(invoice.month)}), émise le ${frenchDate(invoice.issued_on)}`,
  );
  doc.text(`Motif : ${note.reason}`);

  if (note.kind === 'cancel') {
    const total = totals(doc, drawLines(doc, invoiceLines, 300));
    total.add('Total de la facture', invoice.total_cents);
    for (const e of earlier) total.add(`Déjà crédité (avoir n° ${e.number})`, -e.amount_cents);
    total.add("Total de l'avoir", note.amount_cents, true);
  } else {
    const line = {
      child_name: null,
      label: `Avoir sur la facture n° ${invoice.number}`,
      quantity: 1,
      unit_price_cents: note.amount_cents,
      amount_cents: note.amount_cents,
    };
    totals(doc, drawLines(doc, [line], 300)).add("Total de l'avoir", note.amount_cents, true);
  }

  drawFooter(
    doc,
    `Cet avoir est déduit de la facture n° ${invoice.number}. Il est consultable sur le Portail Famille de ${commune.name}, rubrique « Mes factures ».`,
  );
  doc.end();
  return done;
}
