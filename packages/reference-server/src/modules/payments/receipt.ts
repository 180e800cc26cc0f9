import type { AppContext } from '../../app-context.js';
import { drawIssuer, type Issuer, LEFT, pdfDocument } from '../billing/pdf-layout.js';
import { formatEuros, frenchDate } from '../billing/rules/invoices.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import { Commune } from '../communes/commune.model.js';
import { Guardian } from '../families/family.models.js';
import type { Payment } from './payment.models.js';

export const METHOD_LABELS: Record<Payment['method'], string> = {
  online: 'Paiement en ligne',
  cheque: 'Chèque',
  cash: 'Espèces',
  cesu: 'CESU',
  card_desk: 'Carte bancaire (accueil)',
  credit: 'Avoir sur compte famille',
};

export interface ReceiptLine {
  invoiceNumber: string;
  allocatedCents: number;
}

/** The receipt of a validated payment (A4, standard fonts), in the layout of the invoice PDF. */
export function receiptPdf(commune: Commune, issuer: Issuer, payment: Payment, lines: ReceiptLine[]): Promise<Buffer> {
  const { doc, done } = pdfDocument({
    Title: `Reçu ${payment.reference}`,
    Author: `Mairie de ${commune.name}`,
    Subject: 'Reçu de paiement',
  });
  drawIssuer(doc, commune, issuer);

  doc.font('Helvetica-Bold').fontSize(16).text(`Reçu de paiement n° ${payment.reference}`, LEFT, 150);
  doc.font('Helvetica').fontSize(10);
  const day = payment.received_on ?? civilDateOf(payment.decided_at ?? payment.created_at);
  doc.text(`Reçu le ${frenchDate(day)} — ${METHOD_LABELS[payment.method]}`);
  doc.text(`Montant reçu : ${formatEuros(payment.amount_cents)}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Affecté aux factures');
  doc.font('Helvetica');
  for (const line of lines) doc.text(`Facture n° ${line.invoiceNumber} : ${formatEuros(line.allocatedCents)}`);
  if (payment.credit_cents > 0) {
    doc.moveDown();
    doc.text(`Gardé en avoir sur votre compte famille : ${formatEuros(payment.credit_cents)}`);
  }
  doc.moveDown();
  doc.fontSize(8).text('Ce reçu atteste le paiement. Conservez-le.');
  doc.end();
  return done;
}

/** « Paiement reçu » to each guardian of the family, after commit, in the background. */
export function sendReceiptMails(ctx: AppContext, payment: Payment): void {
  ctx.background.run('payment receipt mails', async () => {
    const commune = await Commune.findByPk(payment.commune_id);
    if (!commune) return;
    const guardians = await Guardian.findAll({ where: { family_id: payment.family_id, commune_id: payment.commune_id } });
    const contact = [commune.contact_phone, commune.contact_email].filter(Boolean).join(' – ');
    for (const g of guardians) {
      if (!g.email) continue;
      await ctx.mailer.send({
        communeId: commune.id,
        to: g.email,
        subject: `Portail Famille de ${commune.name} : paiement reçu n° ${payment.reference}`,
        text: `Bonjour ${g.first_name} ${g.last_name},

Nous avons bien reçu votre paiement de ${formatEuros(payment.amount_cents)} (référence ${payment.reference}).
${payment.credit_cents > 0 ? `\nUne partie, ${formatEuros(payment.credit_cents)}, avait déjà été réglée entre-temps : elle est gardée en avoir sur votre compte famille.\n` : ''}
Le reçu est téléchargeable sur votre Portail Famille, rubrique « Mes factures » :
${commune.portal_url}

${commune.contact_service_name}
Mairie de ${commune.name}${contact ? `\n${contact}` : ''}
`,
      });
    }
  });
}
