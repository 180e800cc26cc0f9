import type { PaymentTranslation } from './translation.js';

export const paymentFr: PaymentTranslation = {
  problems: {
    invoice_not_payable:
      'Une des factures choisies n’a plus rien à payer (déjà réglée ou annulée). Rechargez la liste et choisissez à nouveau.',
    payment_in_progress:
      'Un paiement de cette facture est déjà en cours. Attendez la réponse de la banque (quelques minutes) avant de réessayer.',
    online_payment_unavailable: 'Le paiement en ligne n’est pas proposé par la commune. Contactez le service pour régler vos factures.',
    payment_provider_unavailable:
      'Le service de paiement ne répond pas pour le moment. Aucune somme n’a été prélevée : réessayez un peu plus tard.',
  },
  payOnline: 'Payer en ligne',
  paying: 'Préparation du paiement…',
  nothingSelected: 'Cochez les factures à payer.',
  selected: (count, total) => `${count} facture${count > 1 ? 's' : ''} à payer : ${total}`,
  redirecting: 'Vous allez être redirigé vers la page de paiement sécurisé.',
  confirming: 'Vérification de votre paiement auprès de la banque…',
  outcome: {
    validated: (amount, reference) =>
      `Votre paiement de ${amount} a bien été validé (référence ${reference}). Merci. Le reçu est disponible dans « Mes paiements ».`,
    pending: (amount, reference) =>
      `Votre paiement de ${amount} (référence ${reference}) est en attente de validation bancaire. Son état sera mis à jour dans « Mes paiements ».`,
    refused: (amount, reference) =>
      `Votre paiement de ${amount} (référence ${reference}) n’a pas abouti : aucune somme n’a été prélevée. Vous pouvez réessayer.`,
  },
  myPayments: 'Mes paiements',
  paymentsLabel: 'Paiements de la famille',
  noPayment: 'Aucun paiement pour le moment.',
  paymentTitle: (reference) => `Paiement n° ${reference}`,
  date: 'Date',
  amount: 'Montant',
  method: 'Moyen de paiement',
  methods: {
    online: 'En ligne',
    cheque: 'Chèque',
    cash: 'Espèces',
    cesu: 'CESU',
    card_desk: 'Carte bancaire (accueil)',
    credit: 'Avoir',
  },
  invoices: 'Factures',
  status: 'État',
  state: { pending: 'En attente de validation bancaire', validated: 'Validé', refused: 'Refusé' },
  legend: 'Légende',
  credit: (amount) => `Avoir disponible sur votre compte famille : ${amount}. Il sera déduit de vos prochaines factures par le service.`,
  keptAsCredit: (amount) => `${amount} gardés en avoir (facture déjà réglée entre-temps)`,
  downloadReceipt: 'Télécharger le reçu (PDF)',
  downloadReceiptOf: (reference) => `Télécharger le reçu (PDF) du paiement n° ${reference}`,
};
