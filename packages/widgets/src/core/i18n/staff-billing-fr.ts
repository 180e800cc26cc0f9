import type { StaffBillingTranslation } from './translation.js';

const s = (n: number): string => (n > 1 ? 's' : '');

export const staffBillingFr: StaffBillingTranslation = {
  problems: {
    invoice_not_creditable: 'Cette facture ne peut plus recevoir d’avoir (annulée, ou plus rien à payer). Rechargez-la.',
    credit_note_too_large: 'L’avoir dépasse ce qui reste à payer sur la facture.',
  },
  familySearch: 'Chercher',
  familySearchHint: 'N° de dossier, nom d’un responsable ou d’un enfant.',
  familyFound: (n) => (n === 0 ? 'Aucune famille trouvée' : `Famille${s(n)} trouvée${s(n)} (${n})`),

  billing: 'Facturation',
  billingIntro:
    'Chaque mois, la facturation émet une facture par famille pour les journées réservées et non encore facturées (les absences justifiées ne sont pas facturées), au tarif de son quotient familial. Les familles sont prévenues par courriel.',
  runHeading: 'Facturer un mois',
  runMonth: 'Mois à facturer',
  runMonthHint: 'Relancer un mois déjà facturé n’émet que ce qui est nouveau (par exemple une journée réservée tardivement).',
  runMonthInvalid: 'Choisissez le mois à facturer.',
  runButton: 'Facturer ce mois…',
  runConfirm: (month) =>
    `Facturer ${month} ? Les factures émises ne peuvent plus être modifiées (seulement corrigées par un avoir) et chaque famille concernée reçoit un courriel.`,
  runConfirmButton: (month) => `Oui, facturer ${month}`,
  running: 'Facturation en cours…',
  cancel: 'Annuler',
  runDone: (month, n, total) =>
    n === 0
      ? `Facturation de ${month} : rien de nouveau à facturer.`
      : `Facturation de ${month} : ${n} facture${s(n)} émise${s(n)}, pour un total de ${total}.`,
  runNumbers: (numbers, more) => `Factures n° ${numbers}${more ? '…' : ''}`,

  invoicesHeading: 'Factures émises',
  filtersLabel: 'Filtrer les factures',
  filterMonth: 'Mois facturé',
  filterState: 'État',
  allStates: 'Tous les états',
  filterFamily: 'Famille',
  allFamilies: 'Toutes les familles',
  filter: 'Afficher',
  noInvoice: 'Aucune facture ne correspond.',
  invoiceCount: (n, more) => `${n} facture${s(n)} affichée${s(n)}${more ? ' (il y en a d’autres)' : ''}.`,
  moreInvoices: 'Voir plus de factures',
  invoicesCaption: 'Factures, les plus récentes d’abord',
  invoiceNumber: 'N° de facture',
  family: 'Famille',
  month: 'Mois',
  actions: 'Actions',

  backToInvoices: 'Retour aux factures',
  correctedInvoice: 'Facture rectificative : elle remplace une facture annulée par avoir.',
  downloadPdf: 'Télécharger la facture (PDF)',
  downloadingPdf: 'Téléchargement…',
  pdfSaved: (name) => `Facture téléchargée (${name}).`,
  linesCaption: 'Détail de la facture',
  creditNotesHeading: 'Avoirs sur cette facture',
  creditNoteLine: (number, date, amount, reason) => `Avoir n° ${number} du ${date} : ${amount} — ${reason}`,
  creditNoteHeading: 'Émettre un avoir',
  notCreditable: 'Plus rien n’est dû sur cette facture : aucun avoir ne peut être émis.',
  creditKind: 'Type d’avoir',
  creditPartial: 'Avoir partiel (une partie du montant)',
  creditCancel: (due) => `Annuler la facture (avoir de ${due})`,
  cancelNeedsUnpaid: 'Une facture déjà payée en partie ne peut pas être annulée : faites un avoir partiel.',
  creditAmount: 'Montant de l’avoir (€)',
  creditAmountHint: (due) => `Au plus le reste à payer : ${due}.`,
  reissue:
    'Émettre aussitôt une facture rectificative (les mêmes journées, recalculées d’après les réservations, absences et tarifs actuels)',
  creditReason: 'Motif',
  creditReasonHint: (max) => `Figure sur l’avoir envoyé à la famille (${max} caractères au plus).`,
  createCreditNote: 'Émettre l’avoir',
  creating: 'Émission…',
  amountInvalid: 'Saisissez un montant en euros, par exemple 12,50.',
  creditTooLarge: (due) => `L’avoir ne peut pas dépasser le reste à payer (${due}).`,
  creditReasonRequired: 'Indiquez le motif de l’avoir.',
  creditDone: (number, amount, corrected) =>
    `Avoir n° ${number} de ${amount} émis.${corrected ? ` Facture rectificative n° ${corrected} émise.` : ''}`,
};
