import PDFDocument from 'pdfkit';
import type { Commune } from '../communes/commune.model.js';
import type { CreditNote, Invoice, InvoiceLine } from './billing.models.js';
import { amountDue, formatEuros, frenchDate, monthLabel } from './rules/invoices.js';

const STATE_LABELS: Record<Invoice['state'], string> = {
  to_pay: 'À payer',
  partly_paid: 'Partiellement payée',
  paid: 'Payée',
  cancelled: 'Annulée (avoir)',
};

/**
 * The invoice as a PDF (A4, the standard Helvetica fonts, no image): the commune's identity,
 * the family as addressed at issue, the lines, the credit notes and the totals. Generated on
 * demand from the stored invoice, which never changes, so the document never does either —
 * apart from the amounts paid and credited since.
 */
export function invoicePdf(
  commune: Commune,
  issuer: { address: string | null },
  invoice: Invoice,
  lines: InvoiceLine[],
  notes: CreditNote[],
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Facture ${invoice.number}`, Author: `Mairie de ${commune.name}`, Subject: `Facture ${monthLabel(invoice.month)}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const addressee = invoice.addresseeData;
  const left = 50;
  const width = doc.page.width - 100;

  // The commune (issuer), top left.
  doc.font('Helvetica-Bold').fontSize(14).text(`Mairie de ${commune.name}`, left, 50);
  doc.font('Helvetica').fontSize(9).text(commune.contact_service_name);
  if (issuer.address) doc.text(issuer.address);
  const contact = [commune.contact_phone, commune.contact_email].filter(Boolean).join(' – ');
  if (contact) doc.text(contact);

  // The family (addressee), top right.
  doc.font('Helvetica-Bold').fontSize(10).text(addressee.names.join(' et '), 330, 120, { width: 215 });
  doc.font('Helvetica').fontSize(10);
  for (const line of addressee.address) doc.text(line, { width: 215 });
  doc.text(`Dossier famille ${addressee.familyNumber}`, { width: 215 });

  // Title and dates.
  doc.font('Helvetica-Bold').fontSize(16).text(`Facture n° ${invoice.number}`, left, 220);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Période : ${monthLabel(invoice.month)}`);
  doc.text(`Émise le ${frenchDate(invoice.issued_on)} — à régler avant le ${frenchDate(invoice.due_date)}`);
  if (invoice.state === 'cancelled') doc.font('Helvetica-Bold').text('Facture annulée par avoir.').font('Helvetica');

  // Lines.
  const columns = [
    { title: 'Enfant', x: left, w: 120 },
    { title: 'Prestation', x: left + 125, w: 150 },
    { title: 'Quantité', x: left + 280, w: 55, align: 'right' as const },
    { title: 'Prix unitaire', x: left + 340, w: 75, align: 'right' as const },
    { title: 'Montant', x: left + 420, w: 75, align: 'right' as const },
  ];
  let y = 300;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((cell, i) => {
      const c = columns[i];
      return c ? doc.heightOfString(cell, { width: c.w }) : 0;
    });
    const h = Math.max(...heights, 12);
    if (y + h > doc.page.height - 120) {
      doc.addPage();
      y = 50;
    }
    cells.forEach((cell, i) => {
      const c = columns[i];
      if (c) doc.text(cell, c.x, y, { width: c.w, align: c.align ?? 'left' });
    });
    y += h + 4;
  };
  row(
    columns.map((c) => c.title),
    true,
  );
  doc
    .moveTo(left, y - 2)
    .lineTo(left + width, y - 2)
    .stroke();
  for (const l of lines) {
    row([l.child_name ?? '', l.label, String(l.quantity), formatEuros(l.unit_price_cents), formatEuros(l.amount_cents)]);
  }
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  y += 8;

  // Totals.
  const total = (label: string, value: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    doc.text(label, left + 250, y, { width: 160, align: 'right' });
    doc.text(value, left + 420, y, { width: 75, align: 'right' });
    y += 16;
  };
  total('Total', formatEuros(invoice.total_cents), true);
  for (const note of notes) total(`Avoir n° ${note.number}`, formatEuros(-note.amount_cents));
  if (invoice.paid_cents > 0) total('Déjà payé', formatEuros(-invoice.paid_cents));
  const due =
    invoice.state === 'cancelled'
      ? 0
      : amountDue({ totalCents: invoice.total_cents, creditedCents: invoice.credited_cents, paidCents: invoice.paid_cents });
  total('Reste à payer', formatEuros(due), true);
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`État : ${STATE_LABELS[invoice.state]}`, left, y + 8);

  doc
    .fontSize(8)
    .text(
      `Paiement en ligne sur le Portail Famille de ${commune.name}, rubrique « Mes factures ». Pour toute question, rappelez le numéro de la facture.`,
      left,
      doc.page.height - 90,
      { width },
    );
  doc.end();
  return done;
}
