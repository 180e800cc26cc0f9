import type { ProfileTranslation } from './profile.js';

const familyStatus: ProfileTranslation['familyStatus'] = {
  married: 'Marié(e)s',
  civil_partnership: 'Pacsé(e)s',
  cohabiting: 'En concubinage',
  single: 'Célibataire',
  separated: 'Séparé(e)s',
  divorced: 'Divorcé(e)s',
  widowed: 'Veuf ou veuve',
};

export const profileFr: ProfileTranslation = {
  familyStatusLabel: 'Situation familiale',
  familyStatus,
  sharedCustodyLabel: 'Garde alternée',
  noSharedCustody: 'Non',
  custody: (billed, even, odd) => `Semaines paires : ${even} ; semaines impaires : ${odd}. Factures adressées à ${billed}.`,
  authorisedPersons: 'Personnes autorisées à récupérer les enfants',
  noAuthorisedPerson: 'Aucune personne autorisée n’est enregistrée.',
  healthSheet: 'Fiche sanitaire',
  noHealthSheet: 'Fiche sanitaire non renseignée',
  allergies: 'Allergies',
  none: 'Aucune',
  pai: 'PAI',
  doctor: 'Médecin traitant',
  vaccinations: 'Vaccins à jour',
  yes: 'Oui',
  no: 'Non',
  editContact: 'Modifier mes coordonnées',
  contactHeading: 'Mes coordonnées',
  myPhone: 'Mon téléphone',
  phoneHint: 'Par exemple 06 12 34 56 78, ou +32 … pour un numéro étranger.',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse (facultatif)',
  postalCode: 'Code postal',
  postalCodeHint: '5 chiffres',
  city: 'Commune',
  save: 'Enregistrer',
  cancel: 'Annuler',
  saving: 'Enregistrement…',
  contactSaved: 'Vos coordonnées sont enregistrées.',
  required: 'Ce champ est obligatoire.',
  invalidPhone: 'Ce numéro de téléphone n’est pas valide : 10 chiffres, ou un numéro international commençant par +.',
  invalidPostalCode: 'Le code postal compte 5 chiffres.',
  emailHeading: 'Mon adresse e-mail',
  newEmail: 'Nouvelle adresse e-mail',
  sendLink: 'Recevoir le lien de confirmation',
  invalidEmail: 'Cette adresse e-mail n’est pas valide.',
  sameEmail: 'C’est déjà votre adresse actuelle.',
  emailLinkSent: (email) =>
    `Un lien de confirmation a été envoyé à ${email}. Ouvrez-le dans les 24 heures : d’ici là, nous continuons d’écrire à votre adresse actuelle.`,
  emailConfirmed: (email) => `Votre nouvelle adresse e-mail, ${email}, est confirmée. Nous vous écrirons désormais à cette adresse.`,
  emailLinkInvalid:
    'Ce lien de confirmation n’est plus valide (déjà utilisé, expiré ou remplacé par une demande plus récente). Votre adresse e-mail n’a pas changé : refaites la demande depuis « Ma famille ».',
  requestChange: 'Demander une modification',
  requestHeading: 'Demander une modification',
  requestIntro:
    'Ces informations sont vérifiées par le service avant d’être modifiées. Joignez les justificatifs utiles (PDF, JPEG ou PNG). Tant que votre demande n’est pas acceptée, les informations actuelles restent valables.',
  subject: 'Objet de la demande',
  kind: {
    family_status: 'Situation familiale',
    shared_custody: 'Garde alternée',
    health_sheet: 'Fiche sanitaire d’un enfant',
    authorised_person_add: 'Ajouter une personne autorisée',
    authorised_person_remove: 'Retirer une personne autorisée',
  },
  child: 'Enfant',
  personName: 'Nom et prénom',
  personRelation: 'Lien avec l’enfant',
  personPhone: 'Téléphone',
  personToRemove: 'Personne à retirer',
  billedGuardian: 'Responsable à qui adresser les factures',
  evenWeeks: 'Semaines paires chez',
  oddWeeks: 'Semaines impaires chez',
  endSharedCustody: 'Mettre fin à la garde alternée',
  comment: 'Message au service (facultatif)',
  attachments: 'Justificatifs',
  attachmentsHint: (maxMb) => `PDF, JPEG ou PNG, ${maxMb} Mo au plus par fichier, 5 fichiers au plus.`,
  send: 'Envoyer la demande',
  sending: 'Envoi…',
  requestSent: 'Votre demande est envoyée. Vous la retrouvez ci-dessous avec son état.',
  fileRefused: (name, reason) => `Le fichier « ${name} » n’a pas été joint : ${reason}`,
  fileType: 'seuls les fichiers PDF, JPEG ou PNG sont acceptés.',
  fileTooLarge: 'il est trop volumineux.',
  fileEmpty: 'il est vide.',
  tooManyFiles: 'la demande compte déjà 5 fichiers.',
  tooManyPending: 'Vous avez déjà 20 demandes en attente de validation : attendez la réponse du service avant d’en faire une nouvelle.',
  myRequests: 'Mes demandes',
  noRequest: 'Vous n’avez fait aucune demande de modification.',
  requestedOn: (date) => `Demandée le ${date}`,
  status: { pending: 'En attente de validation', accepted: 'Acceptée', rejected: 'Refusée' },
  staffComment: 'Réponse du service',
  documents: 'Justificatifs',
  describe: (change, names) => {
    switch (change.kind) {
      case 'family_status':
        return `Situation familiale : ${familyStatus[change.familyStatus]}`;
      case 'shared_custody':
        return change.sharedCustody
          ? `Garde alternée : semaines paires chez ${names.guardian(change.sharedCustody.evenWeeksGuardianId)}, impaires chez ${names.guardian(change.sharedCustody.oddWeeksGuardianId)}`
          : 'Fin de la garde alternée';
      case 'health_sheet':
        return `Fiche sanitaire de ${names.child(change.childId)}`;
      case 'authorised_person_add':
        return `Ajouter ${change.person.name} (${change.person.relation}) aux personnes autorisées`;
      case 'authorised_person_remove':
        return 'Retirer une personne autorisée';
    }
  },
};
