import type { StaffPaymentsTranslation } from './translation.js';

const s = (n: number): string => (n > 1 ? 's' : '');

export const staffPaymentsFr: StaffPaymentsTranslation = {
  problems: {
    payment_not_flagged: 'Ce paiement a déjà été traité (peut-être par un collègue à l’instant). La liste a été mise à jour.',
    insufficient_credit: 'L’avoir de la famille ne couvre pas ce montant.',
    invoice_not_payable: 'L’avoir ne peut régler que ce qui reste dû sur les factures cochées.',
  },
  payments: 'Encaissements',
  intro:
    'Enregistrez les règlements reçus à l’accueil (chèque, espèces, CESU, carte bancaire) ou payés avec l’avoir d’une famille, suivez les paiements en ligne et le bilan des encaissements.',

  recordHeading: 'Enregistrer un règlement',
  family: 'Famille',
  chooseFamily: 'Choisissez une famille',
  familyRequired: 'Cherchez puis choisissez la famille qui règle.',
  familyCredit: (amount) => `Avoir disponible pour cette famille : ${amount}.`,
  noFamilyCredit: 'Cette famille n’a pas d’avoir.',
  nothingDue: 'Cette famille n’a aucune facture à payer : un règlement sera gardé en avoir.',
  invoices: 'Factures réglées',
  invoicesHint:
    'Le montant est réparti sur les factures cochées, dans l’ordre, sans dépasser ce qui reste dû ; le surplus est gardé en avoir.',
  invoiceChoice: (number, month, due) => `N° ${number} (${month}) — reste ${due}`,
  method: 'Moyen de paiement',
  deskMethods: {
    cheque: 'Chèque',
    cash: 'Espèces',
    cesu: 'CESU',
    card_desk: 'Carte bancaire (à l’accueil)',
    credit: 'Avoir de la famille',
  },
  amount: 'Montant (€)',
  amountHint: 'Par exemple 45,80.',
  amountInvalid: 'Saisissez un montant en euros, par exemple 45,80 (100 000 € au plus).',
  receivedOn: 'Reçu le',
  receivedOnInvalid: 'Saisissez une date valide, au plus tard aujourd’hui.',
  reference: 'Référence',
  referenceHint: 'N° du chèque ou des titres CESU (facultatif).',
  creditMethodHint: (balance) => `Avoir disponible : ${balance}.`,
  creditNeedsInvoices: 'Cochez les factures à régler avec l’avoir.',
  creditTooSmall: (balance) => `L’avoir de la famille est de ${balance} seulement.`,
  record: 'Enregistrer le règlement',
  recording: 'Enregistrement…',
  recorded: (reference, amount, allocated, credit) =>
    `Règlement n° ${reference} de ${amount} enregistré : ${allocated} sur les factures, ${credit} gardés en avoir.`,

  paymentsHeading: 'Paiements',
  filtersLabel: 'Filtrer les paiements',
  filterState: 'État',
  allStates: 'Tous les états',
  onlyFlagged: 'Seulement les paiements à vérifier',
  filter: 'Afficher',
  reconcile: 'Interroger le prestataire sur les paiements en attente',
  reconciling: 'Interrogation…',
  reconciled: (r) =>
    r.checked === 0
      ? 'Aucun paiement en ligne en attente.'
      : `${r.checked} paiement${s(r.checked)} vérifié${s(r.checked)} : ${r.validated} validé${s(r.validated)}, ${r.refused} refusé${s(r.refused)}, ${r.pending} toujours en attente, ${r.anomalies} à vérifier.`,
  noPayment: 'Aucun paiement ne correspond.',
  paymentCount: (n, more) => `${n} paiement${s(n)}, les plus récents d’abord${more ? ' (il y en a de plus anciens)' : ''}.`,
  morePayments: 'Voir plus de paiements',
  paymentsCaption: 'Paiements, les plus récents d’abord',
  date: 'Date',
  state: 'État',
  refusalReasons: {
    refused: 'refusé par la banque',
    abandoned: 'abandonné',
    expired: 'expiré',
    failed: 'échec technique',
    rejected: 'rejeté par le service',
  },
  flagged: 'À vérifier',
  mismatch: (asked, reported) =>
    reported === null
      ? `Le prestataire n’a pas confirmé le paiement de ${asked} : les factures restent bloquées.`
      : `Le prestataire annonce ${reported} au lieu de ${asked} : les factures restent bloquées.`,
  unknownResult: 'Réponse du prestataire incompréhensible : les factures restent bloquées.',
  resolved: (decision, by, at, comment) =>
    `${decision === 'accepted' ? 'Accepté' : 'Rejeté'} par ${by} le ${at} : «\u00a0${comment}\u00a0»`,
  keptAsCredit: (amount) => `${amount} gardés en avoir`,
  settle: 'Traiter',
  settleLabel: (reference) => `Traiter le paiement n° ${reference}`,

  settleHeading: (reference) => `Paiement n° ${reference} à vérifier`,
  askedAmount: 'Montant demandé',
  reportedAmount: 'Montant annoncé par le prestataire',
  noReportedAmount: 'aucun',
  settleIntro:
    'Vérifiez sur le relevé de la régie ce qui a réellement été encaissé. Accepter répartit ce montant sur les factures (le surplus va en avoir) et envoie le reçu à la famille ; rejeter remet les factures «\u00a0à payer\u00a0».',
  decision: 'Décision',
  accept: 'Accepter : le paiement a bien été encaissé',
  reject: 'Rejeter : rien n’a été encaissé (les factures redeviennent à payer)',
  receivedAmount: 'Montant réellement encaissé (€)',
  receivedAmountHint: 'Prérempli avec le montant annoncé par le prestataire.',
  comment: 'Commentaire',
  commentHint: (max) =>
    `Obligatoire : ce que vous avez vérifié (${max} caractères au plus). Gardé avec le paiement, il n’est pas affiché sur le portail des familles.`,
  commentRequired: 'Expliquez votre décision en quelques mots.',
  confirmAccept: 'Accepter le paiement',
  confirmReject: 'Rejeter le paiement',
  settling: 'Enregistrement…',
  cancel: 'Annuler',
  accepted: (reference, allocated, credit) =>
    `Paiement n° ${reference} accepté : ${allocated} sur les factures, ${credit} gardés en avoir. Le reçu est envoyé à la famille.`,
  rejected: (reference) => `Paiement n° ${reference} rejeté : ses factures sont de nouveau à payer.`,

  reportHeading: 'Bilan des encaissements',
  reportPeriod: 'Période du bilan',
  from: 'Du',
  to: 'Au',
  periodInvalid: 'Saisissez deux dates valides, la première avant la seconde.',
  showReport: 'Afficher le bilan',
  reportCaption: (from, to) => `Encaissements du ${from} au ${to}, par moyen de paiement`,
  count: 'Nombre',
  nothingCollected: 'Aucun encaissement sur la période.',
  notCounted: '(non compté dans le total)',
  totalCollected: 'Total encaissé',
  creditCreated: (amount) => `Dont gardé en avoir pour les familles : ${amount}.`,
};
