import type { Mail } from '../../platform/mail/mailer.js';
import type { Commune } from '../communes/commune.model.js';
import type { Guardian } from '../families/family.models.js';
import type { Invoice } from './billing.models.js';
import { formatEuros, frenchDate, monthLabel } from './rules/invoices.js';

/** « Nouvelle facture » to each guardian of the family (one mail each, like the guides describe). */
export function invoiceIssuedMails(commune: Commune, invoice: Invoice, guardians: Guardian[]): Mail[] {
  const contact = [commune.contact_phone, commune.contact_email].filter(Boolean).join(' – ');
  return guardians
    .filter((g) => g.email)
    .map((g) => ({
      communeId: commune.id,
      to: g.email,
      subject: `Portail Famille de ${commune.name} : nouvelle facture n° ${invoice.number}`,
      text: `Bonjour ${g.first_name} ${g.last_name},

Une nouvelle facture est disponible sur votre Portail Famille de ${commune.name}.

Facture n° ${invoice.number} — ${monthLabel(invoice.month)}
Montant : ${formatEuros(invoice.total_cents)}
À régler avant le : ${frenchDate(invoice.due_date)}

Vous pouvez la consulter, la télécharger en PDF et la payer en ligne dans la rubrique « Mes factures » :
${commune.portal_url}

Si un montant vous paraît inexact, contactez le service en rappelant le numéro de la facture.

${commune.contact_service_name}
Mairie de ${commune.name}${contact ? `\n${contact}` : ''}
`,
    }));
}
