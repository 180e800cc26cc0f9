import type { InvoiceTranslation } from './translation.js';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const months = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const invoiceFr: InvoiceTranslation = {
  myInvoices: 'Mes factures',
  invoicesLabel: 'Factures de la famille',
  noInvoice: 'Vous n’avez pas encore de facture.',
  moreInvoices: 'Voir plus',
  invoiceTitle: (number) => `Facture n° ${number}`,
  month: (month) => {
    const [y = 0, m = 1] = month.split('-').map(Number);
    return months.format(new Date(Date.UTC(y, m - 1, 1)));
  },
  issuedOn: 'Émise le',
  dueDate: 'À régler avant le',
  total: 'Montant',
  amountDue: 'Reste à payer',
  credited: 'Avoirs',
  paid: 'Déjà payé',
  status: 'État',
  state: { to_pay: 'À payer', partly_paid: 'Partiellement payée', paid: 'Payée', cancelled: 'Annulée' },
  legend: 'Légende',
  euros: (cents) => euros.format(cents / 100),
  select: (number) => `Sélectionner la facture n° ${number} pour la payer`,
  selection: (count, total) =>
    count === 0 ? 'Aucune facture sélectionnée.' : `${count} facture${count > 1 ? 's' : ''} sélectionnée${count > 1 ? 's' : ''} : ${total}`,
  details: 'Détail',
  detailsOf: (number) => `Détail de la facture n° ${number}`,
  close: 'Fermer',
  child: 'Enfant',
  activity: 'Prestation',
  quantity: 'Quantité',
  unitPrice: 'Prix unitaire',
  amount: 'Montant',
  creditNote: (number, reason) => `Avoir n° ${number} (${reason})`,
  replaces: (number) => `Facture rectificative de la facture n° ${number}`,
  downloadPdf: 'Télécharger la facture (PDF)',
  downloadPdfOf: (number) => `PDF de la facture n° ${number}`,
  downloadCreditNote: (number) => `Télécharger l’avoir n° ${number} (PDF)`,
};
