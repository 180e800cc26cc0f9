import PDFDocument from 'pdfkit';
import type { Commune } from '../communes/commune.model.js';
import type { Addressee, InvoiceLine } from './billing.models.js';
import { formatEuros } from './rules/invoices.js';

/**
 * What invoices, credit notes and receipts share: an A4 page with the standard Helvetica
 * fonts, the commune's identity at the top left, the family at the top right, a table of
 * lines and right-aligned totals.
 */

export const LEFT = 50;
const TOTAL_LABEL_X = LEFT + 160;
const AMOUNT_X = LEFT + 420;

export interface Issuer {
  /** The postal address of the issuing service (billing settings). */
  address: string | null;
  /** The commune's logo (PNG or JPEG, checked when it was sent), drawn top right. */
  logo: Buffer | null;
}

/** A PDF being written, and the bytes once `doc.end()` is called. */
export function pdfDocument(info: { Title: string; Author: string; Subject: string }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** « Mairie de … », the service, its address and contact, top left; the logo top right. */
export function drawIssuer(doc: PDFKit.PDFDocument, commune: Commune, issuer: Issuer): void {
  if (issuer.logo) {
    try {
      doc.image(issuer.logo, doc.page.width - LEFT - 120, 40, { fit: [120, 60], align: 'right' });
    } catch {
      // Checked when it was sent; should it still not draw, the document goes out without it.
    }
  }
  doc.font('Helvetica-Bold').fontSize(14).text(`Mairie de ${commune.name}`, LEFT, 50);
  doc.font('Helvetica').fontSize(9).text(commune.contact_service_name);
  if (issuer.address) doc.text(issuer.address);
  const contact = [commune.contact_phone, commune.contact_email].filter(Boolean).join(' – ');
  if (contact) doc.text(contact);
}

/** The family as addressed when the invoice was issued, top right. */
export function drawAddressee(doc: PDFKit.PDFDocument, addressee: Addressee): void {
  doc.font('Helvetica-Bold').fontSize(10).text(addressee.names.join(' et '), 330, 120, { width: 215 });
  doc.font('Helvetica').fontSize(10);
  for (const line of addressee.address) doc.text(line, { width: 215 });
  doc.text(`Dossier famille ${addressee.familyNumber}`, { width: 215 });
}

const COLUMNS = [
  { title: 'Enfant', x: LEFT, w: 120 },
  { title: 'Prestation', x: LEFT + 125, w: 150 },
  { title: 'Quantité', x: LEFT + 280, w: 55, align: 'right' as const },
  { title: 'Prix unitaire', x: LEFT + 340, w: 75, align: 'right' as const },
  { title: 'Montant', x: LEFT + 420, w: 75, align: 'right' as const },
];

/** The table of lines from `y` (a new page when the page is full); answers the `y` below it. */
export function drawLines(
  doc: PDFKit.PDFDocument,
  lines: Pick<InvoiceLine, 'child_name' | 'label' | 'quantity' | 'unit_price_cents' | 'amount_cents'>[],
  top: number,
): number {
  const width = doc.page.width - 100;
  let y = top;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((cell, i) => {
      const c = COLUMNS[i];
      return c ? doc.heightOfString(cell, { width: c.w }) : 0;
    });
    const h = Math.max(...heights, 12);
    if (y + h > doc.page.height - 120) {
      doc.addPage();
      y = 50;
    }
    cells.forEach((cell, i) => {
      const c = COLUMNS[i];
      if (c) doc.text(cell, c.x, y, { width: c.w, align: c.align ?? 'left' });
    });
    y += h + 4;
  };
  row(
    COLUMNS.map((c) => c.title),
    true,
  );
  doc
    .moveTo(LEFT, y - 2)
    .lineTo(LEFT + width, y - 2)
    .stroke();
  for (const l of lines) {
    row([l.child_name ?? '', l.label, String(l.quantity), formatEuros(l.unit_price_cents), formatEuros(l.amount_cents)]);
  }
  doc
    .moveTo(LEFT, y)
    .lineTo(LEFT + width, y)
    .stroke();
  return y + 8;
}

/** Right-aligned totals from `y`: call the answer once per total; it tells the `y` below. */
export function totals(
  doc: PDFKit.PDFDocument,
  top: number,
): { add(label: string, cents: number, bold?: boolean): void; readonly y: number } {
  let y = top;
  return {
    add(label, cents, bold = false) {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
      doc.text(label, TOTAL_LABEL_X, y, { width: 250, align: 'right' });
      doc.text(formatEuros(cents), AMOUNT_X, y, { width: 75, align: 'right' });
      y += 16;
    },
    get y() {
      return y;
    },
  };
}

/** The small print at the foot of the current page. */
export function drawFooter(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(text, LEFT, doc.page.height - 90, { width: doc.page.width - 100 });
}
