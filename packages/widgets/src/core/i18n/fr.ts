import { bookingFr } from './booking-fr.js';
import { clockDay, clockTime, sameDay } from './dates.js';
import { documentsFr } from './documents-fr.js';
import { invoiceFr } from './invoice-fr.js';
import { paymentFr } from './payment-fr.js';
import { profileFr } from './profile-fr.js';
import { staffBillingFr } from './staff-billing-fr.js';
import { staffPaymentsFr } from './staff-payments-fr.js';
import type { Translation } from './translation.js';

/** « 14 h 32 » (non-breaking spaces), the French way of writing a time; Paris time. */
const timeFr = (d: Date): string => {
  const { hour, minute } = clockTime(d);
  return `${hour}\u00a0h\u00a0${minute}`;
};
const dayFr = clockDay;

const minutes = (n: number): string => `${n} minute${n > 1 ? 's' : ''}`;

export const fr: Translation = {
  locale: 'fr',
  intlLocale: 'fr-FR',

  loading: 'Chargement…',
  retry: 'Réessayer',
  notConfigured: 'Ce composant n’est pas configuré : indiquez l’attribut « commune ».',
  bannerInfo: 'Information',
  bannerMaintenance: 'Maintenance',
  contactIntro: (serviceName) => `Besoin d’aide ? Contactez le service : ${serviceName}.`,
  phone: 'Téléphone',
  email: 'E-mail',

  loginHeading: 'Connexion à l’espace famille',
  identifier: 'Identifiant',
  password: 'Mot de passe',
  showPassword: 'Afficher le mot de passe',
  showPasswords: 'Afficher les mots de passe',
  signIn: 'Se connecter',
  signingIn: 'Connexion…',
  forgotLink: 'Identifiant ou mot de passe oublié ?',
  identifierRequired: 'Saisissez votre identifiant.',
  passwordRequired: 'Saisissez votre mot de passe.',
  loggedInAs: (name) => `Connecté(e) en tant que ${name}`,
  signOut: 'Se déconnecter',
  signingOut: 'Déconnexion…',
  signedOut: 'Vous êtes déconnecté(e).',

  forgotHeading: 'Identifiant ou mot de passe oublié',
  forgotIntro:
    'Indiquez l’adresse e-mail que vous avez donnée au service. Vous recevrez votre identifiant et un lien pour choisir un nouveau mot de passe.',
  emailAddress: 'Adresse e-mail',
  send: 'Envoyer',
  sending: 'Envoi…',
  emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
  forgotSent:
    'Si cette adresse correspond à un compte, vous allez recevoir un e-mail avec votre identifiant et un lien pour choisir un nouveau mot de passe.',
  forgotSentHint: 'Le lien est valable une heure. Pensez à regarder dans vos courriers indésirables.',
  backToLogin: 'Retour à la connexion',

  activateHeading: 'Créez votre mot de passe',
  resetHeading: 'Choisissez un nouveau mot de passe',
  activateIntro: 'Bienvenue ! Choisissez le mot de passe de votre compte. Personne d’autre que vous ne le connaîtra.',
  resetIntro: 'Choisissez votre nouveau mot de passe. Votre ancien mot de passe ne fonctionnera plus.',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Confirmez le mot de passe',
  passwordHint: (n) =>
    `Au moins ${n} caractères. Pas besoin de chiffres ni de symboles : une phrase de plusieurs mots est facile à retenir et difficile à deviner.`,
  passwordTooShort: (n) => `Le mot de passe doit contenir au moins ${n} caractères.`,
  passwordMismatch: 'Les deux mots de passe ne sont pas identiques.',
  activateSubmit: 'Activer mon compte',
  resetSubmit: 'Changer mon mot de passe',
  saving: 'Enregistrement…',
  activated: (id) => `Votre compte est activé. Connectez-vous avec votre identifiant « ${id} » et le mot de passe choisi.`,
  passwordChanged: (id) => `Votre mot de passe a été modifié. Connectez-vous avec votre identifiant « ${id} ».`,

  invalidCredentials: 'Identifiant ou mot de passe incorrect.',
  accountLocked: (n) => `Votre compte est bloqué après trop de tentatives de connexion infructueuses. Réessayez dans ${minutes(n)}.`,
  accountLockedWayOut:
    'Vous pouvez aussi le débloquer tout de suite en choisissant un nouveau mot de passe avec « Identifiant ou mot de passe oublié ? ».',
  rateLimited: (n) =>
    n === undefined
      ? 'Trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.'
      : `Trop de tentatives en peu de temps. Patientez ${minutes(n)} avant de réessayer.`,
  weakPassword:
    'Ce mot de passe est trop courant ou trop court : il serait facile à deviner. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  invalidToken: 'Ce lien n’est plus valide (déjà utilisé ou expiré).',
  invalidTokenWayOut: 'Demandez un nouveau lien avec « Identifiant ou mot de passe oublié ? », ou contactez le service.',
  validationFailed: 'Certaines informations ne sont pas valides. Vérifiez-les puis réessayez.',
  networkError: 'Le portail ne répond pas. Vérifiez votre connexion à Internet puis réessayez.',
  unavailable: 'Le portail est momentanément indisponible (maintenance). Réessayez un peu plus tard.',
  communeNotFound: 'Ce portail famille n’est pas disponible pour cette commune.',
  sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
  forbidden: 'Vous n’avez pas accès à ces informations.',
  genericError: 'Une erreur est survenue. Réessayez plus tard.',

  portalTitle: (name) => `Portail Famille — ${name}`,
  sectionsLabel: 'Rubriques du portail famille',
  myFamily: 'Ma famille',
  familyNumber: (n) => `Dossier famille n° ${n}`,
  address: 'Adresse',
  guardians: 'Responsables légaux',
  children: 'Enfants',
  relation: { mother: 'Mère', father: 'Père', guardian: 'Tuteur ou tutrice', other: 'Autre responsable' },
  birthDate: 'Date de naissance',
  school: 'École',
  grade: 'Classe',
  notProvided: 'Non renseigné',
  noChildren: 'Aucun enfant n’est enregistré dans votre dossier.',
  staffNotice:
    'Vous êtes connecté(e) avec un compte du personnel de la commune. Ce portail est réservé aux familles : la console des agents est une application séparée.',
  bookingsTab: 'Réservations',
  myReservationsTab: 'Mes réservations',
  documentsTab: 'Documents',
  documents: documentsFr,

  booking: bookingFr,

  invoicesTab: 'Factures',
  invoice: invoiceFr,
  payment: paymentFr,
  staffBilling: staffBillingFr,
  staffPayments: staffPaymentsFr,

  staff: {
    loginHeading: 'Connexion à la console des agents',
    consoleTitle: (name) => `Console des agents — ${name}`,
    sectionsLabel: 'Rubriques de la console',
    guardianNotice:
      'Vous êtes connecté(e) avec un compte famille. Cette console est réservée au personnel de la commune : votre espace est sur le portail famille.',
    noStaffRole: 'Votre compte n’a aucun rôle dans cette console. Demandez à un administrateur de vous en attribuer un.',

    families: 'Familles',
    searchLabel: 'Rechercher une famille',
    searchHint: 'Numéro de dossier, nom d’un responsable ou d’un enfant.',
    searchSubmit: 'Rechercher',
    searchAll: 'Toutes les familles',
    familyCount: (count, more) =>
      count === 0
        ? 'Aucune famille.'
        : `${count} famille${count > 1 ? 's' : ''} affichée${count > 1 ? 's' : ''}${more ? ', d’autres suivent' : ''}.`,
    noFamily: 'Aucune famille n’est enregistrée pour le moment.',
    noFamilyMatching: (query) => `Aucune famille ne correspond à « ${query} ».`,
    moreFamilies: 'Voir plus',
    loadingMore: 'Chargement…',
    childCount: (n) => (n === 0 ? 'aucun enfant' : `${n} enfant${n > 1 ? 's' : ''}`),
    noGuardian: 'aucun responsable',
    familyListLabel: 'Familles trouvées',
    backToList: 'Retour à la liste',
    quotientFamilial: 'Quotient familial',

    portalAccount: 'Compte portail',
    accountNone: 'Pas de compte',
    accountPending: (until) => `En attente d’activation (lien valable jusqu’au ${until})`,
    accountPendingPlain: 'En attente d’activation',
    accountPendingExpired: (since) => `En attente d’activation (lien expiré depuis le ${since})`,
    accountActive: 'Actif',
    accountDisabled: 'Désactivé',
    accountLocked: (until) => `Bloqué jusqu’à ${until}`,
    accountIdentifier: (identifier) => `Identifiant : ${identifier}`,
    dateTime: (date) => `${dayFr(date)} à ${timeFr(date)}`,
    lockTime: (date, now) => (sameDay(date, now) ? timeFr(date) : `${timeFr(date)} le ${dayFr(date)}`),
    optionalIdentifier: 'Identifiant (facultatif)',
    identifierHint: 'Laissé vide, il est formé à partir du prénom et du nom (par exemple claire.moreau).',
    identifierInvalid:
      'L’identifiant doit compter 3 à 50 caractères : lettres minuscules sans accent, chiffres, point, tiret ou tiret bas, en commençant par une lettre ou un chiffre.',
    createAccount: 'Créer le compte',
    creatingAccount: 'Création du compte…',
    resendActivation: 'Renvoyer le lien d’activation',
    resending: 'Envoi…',
    unlockAccount: 'Débloquer le compte',
    unlocking: 'Déblocage…',
    accountCreated: (identifier, email) => `Compte créé : identifiant ${identifier}. Un e-mail d’activation a été envoyé à ${email}.`,
    activationResent: (email) => `Un nouveau lien d’activation a été envoyé à ${email}. Les liens précédents ne fonctionnent plus.`,
    accountUnlocked: 'Compte débloqué.',
    identifierTaken:
      'Cet identifiant est déjà utilisé. Choisissez-en un autre, ou laissez le champ vide pour qu’il soit formé automatiquement.',
    accountExists: 'Ce responsable a déjà un compte. Son état vient d’être mis à jour.',
    accountAlreadyActive: 'Ce compte est déjà activé : inutile de renvoyer le lien. Son état vient d’être mis à jour.',
    familyNumberTaken: 'Ce numéro de dossier est déjà utilisé.',
    staffForbidden: 'Votre rôle ne permet pas cette action.',
    staffNotFound: 'Cette famille ou ce compte n’existe plus.',

    newFamily: 'Nouvelle famille',
    newFamilyIntro:
      'Le numéro de dossier est attribué automatiquement. Les comptes portail se créent ensuite, depuis la fiche de la famille.',
    requiredNote: 'Les champs sans mention « facultatif » sont obligatoires.',
    optional: (label) => `${label} (facultatif)`,
    addressLegend: 'Adresse',
    guardianLegend: (i) => `Responsable légal ${i}`,
    childLegend: (i) => `Enfant ${i}`,
    fieldLabel: {
      line1: 'Numéro et voie',
      line2: 'Complément d’adresse',
      postalCode: 'Code postal',
      city: 'Commune',
      quotientFamilial: 'Quotient familial',
      firstName: 'Prénom',
      lastName: 'Nom',
      relation: 'Lien avec les enfants',
      email: 'Adresse e-mail',
      phone: 'Téléphone',
      birthDate: 'Date de naissance',
      school: 'École',
      grade: 'Classe',
    },
    fieldHint: {
      line2: 'Bâtiment, appartement, lieu-dit…',
      quotientFamilial: 'Nombre entier, par exemple 820.',
      phone: 'Par exemple 06 12 34 56 78.',
      grade: 'Par exemple CP, CE2, MS.',
    },
    fieldInvalid: {
      line1: 'Indiquez le numéro et la voie.',
      line2: 'Le complément d’adresse est trop long (200 caractères au plus).',
      postalCode: 'Indiquez un code postal de 5 chiffres.',
      city: 'Indiquez la commune.',
      quotientFamilial: 'Le quotient familial est un nombre entier entre 0 et 100 000.',
      firstName: 'Indiquez le prénom.',
      lastName: 'Indiquez le nom.',
      relation: 'Choisissez le lien avec les enfants.',
      email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
      phone: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.',
      birthDate: 'Indiquez la date de naissance.',
      school: 'Le nom de l’école est trop long (200 caractères au plus).',
      grade: 'La classe est trop longue (20 caractères au plus).',
    },
    chooseRelation: 'Choisir…',
    relationOption: { mother: 'Mère', father: 'Père', guardian: 'Tuteur/tutrice', other: 'Autre' },
    addGuardian: 'Ajouter un second responsable',
    removeGuardian: 'Retirer le second responsable',
    addChild: 'Ajouter un enfant',
    removeChild: (i) => `Retirer l’enfant ${i}`,
    noChildYet: 'Aucun enfant pour le moment : vous pourrez en ajouter plus tard.',
    createFamily: 'Créer la famille',
    creatingFamily: 'Création…',
    formHasErrors: (n) =>
      n > 1
        ? `${n} champs sont à corriger : chaque message est sous le champ concerné.`
        : 'Un champ est à corriger : le message est sous le champ.',
    familyCreated: (number) => `Famille créée : dossier n° ${number}.`,

    banner: 'Bandeau d’information',
    bannerIntro:
      'Le bandeau s’affiche en haut du portail des familles, par exemple pour annoncer une maintenance ou l’ouverture des inscriptions.',
    currentBanner: 'Bandeau affiché actuellement',
    noBanner: 'Aucun bandeau n’est affiché.',
    bannerUpdated: (when) => `Publié le ${when}.`,
    bannerKind: 'Type de bandeau',
    bannerMessage: 'Message',
    bannerMessageHint: (max) => `${max} caractères au plus.`,
    bannerMessageRequired: 'Saisissez le message du bandeau.',
    bannerMessageTooLong: (max) => `Le message dépasse ${max} caractères.`,
    publishBanner: 'Publier le bandeau',
    publishing: 'Publication…',
    clearBanner: 'Retirer le bandeau',
    clearing: 'Retrait…',
    bannerPublished: 'Bandeau publié : il s’affiche maintenant sur le portail des familles.',
    bannerCleared: 'Bandeau retiré.',

    logo: 'Logo des documents',
    logoIntro: 'Le logo de la commune figure en haut à droite des factures, des avoirs et des reçus que les familles téléchargent.',
    currentLogo: 'Logo actuel des documents',
    noLogo: 'Aucun logo : les documents portent seulement le nom de la commune.',
    newLogo: 'Nouveau logo',
    logoHint: 'Une image PNG ou JPEG, de 1 Mo et 1500 × 1500 pixels au plus.',
    logoRequired: 'Choisissez une image.',
    logoType: 'Seules les images PNG ou JPEG lisibles sont acceptées.',
    logoTooLarge: 'L’image est trop grande : 1 Mo et 1500 × 1500 pixels au plus.',
    logoEmpty: 'Le fichier est vide.',
    sendLogo: 'Enregistrer le logo',
    sendingLogo: 'Enregistrement…',
    removeLogo: 'Retirer le logo',
    removingLogo: 'Retrait…',
    logoSent: 'Logo enregistré : il figure sur les prochains documents téléchargés.',
    logoRemoved: 'Logo retiré.',

    pendingBookings: 'Demandes à traiter',
    pendingIntro:
      'Les jours demandés par les familles pour les activités soumises à validation, du plus ancien au plus récent. Acceptez ou refusez une sélection de jours : la famille voit le résultat dans « Mes réservations ».',
    noPending: 'Aucune demande en attente.',
    pendingCount: (n) => `${n} jour${n > 1 ? 's' : ''} en attente.`,
    selectAll: 'Tout sélectionner',
    selectPending: (child, date, activity) => `Sélectionner : ${child}, ${date}, ${activity}`,
    selection: 'Sélection',
    pendingDate: 'Date',
    pendingChild: 'Enfant',
    pendingFamily: 'Dossier n°',
    pendingActivity: 'Activité',
    pendingRequest: 'Demande n°',
    refusalComment: 'Motif du refus (visible par la famille)',
    refusalCommentHint: (max) => `Facultatif, ${max} caractères au plus. Envoyé seulement avec « Refuser la sélection ».`,
    acceptSelection: 'Accepter la sélection',
    refuseSelection: 'Refuser la sélection',
    deciding: 'Envoi…',
    decisionSummary: (c) => {
      const s = (n: number): string => (n > 1 ? 's' : '');
      const parts: [number, string][] = [
        [c.booked, `accepté${s(c.booked)}`],
        [c.waitingList, 'en liste d’attente'],
        [c.refused, `refusé${s(c.refused)}`],
        [c.full, `refusé${s(c.full)} (complet)`],
        [c.notPending, `déjà traité${s(c.notPending)}`],
      ];
      const shown = parts.filter(([n]) => n > 0).map(([n, what], i) => (i === 0 ? `${n} jour${s(n)} ${what}` : `${n} ${what}`));
      return shown.length ? `${shown.join(', ')}.` : 'Aucun jour traité.';
    },

    closures: 'Fermetures',
    closuresIntro:
      'Les jours où les accueils sont fermés : ponts, vacances, journées pédagogiques. Ces jours ne peuvent pas être réservés sur le portail des familles.',
    noClosures: 'Aucune fermeture à venir.',
    closureListLabel: 'Fermetures à venir',
    closureLabel: 'Motif',
    closureLabelHint: 'Indiqué aux familles, par exemple « Pont de l’Ascension ».',
    closureDates: 'Dates',
    closureScope: 'Accueil concerné',
    closureActions: 'Actions',
    closureScopeAll: 'Tous les accueils de la commune',
    closureScopeOne: 'Un accueil',
    closureRange: (start, end, oneDay) => (oneDay ? `Le ${start}` : `Du ${start} au ${end}`),
    deleteClosure: 'Supprimer',
    deleteClosureLabel: (label) => `Supprimer la fermeture « ${label} »`,
    deletingClosure: 'Suppression…',
    closureDeleted: (label) =>
      `Fermeture « ${label} » supprimée : ces jours peuvent de nouveau être réservés. Les réservations annulées le restent.`,
    newClosure: 'Nouvelle fermeture',
    closureStart: 'Premier jour de fermeture',
    closureEnd: 'Dernier jour de fermeture',
    closureEndHint: 'Laissez vide pour une seule journée.',
    closureWarning: 'Les réservations déjà faites sur ces jours seront annulées et chaque famille concernée sera prévenue par courriel.',
    createClosure: 'Enregistrer la fermeture',
    creatingClosure: 'Enregistrement…',
    closureCreated: (label, n) =>
      n === 0
        ? `Fermeture « ${label} » enregistrée. Aucune réservation n’était faite sur ces jours.`
        : `Fermeture « ${label} » enregistrée. ${n} réservation${n > 1 ? 's' : ''} annulée${n > 1 ? 's' : ''} : les familles concernées sont prévenues par courriel.`,
    closureLabelRequired: 'Saisissez le motif de la fermeture.',
    closureDateRequired: 'Saisissez une date valide.',
    closureEndBeforeStart: 'Le dernier jour ne peut pas précéder le premier.',

    attendance: 'Présences',
    attendanceIntro:
      'Faites l’appel d’une activité pour un jour : les enfants inscrits ce jour-là sont listés. Cochez présent ou absent, puis enregistrez ; un nouvel enregistrement remplace le précédent.',
    attendanceDate: 'Jour',
    attendanceActivity: 'Activité',
    attendanceActivityOption: (activity, facility, n) =>
      `${activity} — ${facility} (${n} enfant${n > 1 ? 's' : ''} attendu${n > 1 ? 's' : ''})`,
    noActivityThatDay: 'Aucune activité ce jour-là.',
    attendanceCaption: (activity, date) => `Appel — ${activity}, ${date}`,
    noChildExpected: 'Aucun enfant attendu ce jour-là pour cette activité.',
    attendanceChild: 'Enfant',
    attendanceBooking: 'Réservation',
    attendancePresence: 'Présence',
    presenceOf: (child) => `Présence de ${child}`,
    present: 'Présent',
    absent: 'Absent',
    bookingStates: {
      none: 'Sans réservation',
      booked: 'Réservé',
      pending: 'Demande en attente',
      waiting_list: 'Liste d’attente',
      refused: 'Refusé',
      cancelled: 'Annulé',
      excused_absence: 'Absence justifiée',
    },
    absenceStates: {
      declared: 'absence signalée par la famille',
      excused: 'absence justifiée',
      not_excused: 'absence non justifiée',
    },
    attendanceFuture: 'Ce jour n’est pas encore passé : l’appel pourra être enregistré le jour même.',
    markAllPresent: 'Marquer les autres présents',
    saveAttendance: 'Enregistrer l’appel',
    savingAttendance: 'Enregistrement…',
    attendanceSaved: (p, a) => `Appel enregistré : ${p} présent${p > 1 ? 's' : ''}, ${a} absent${a > 1 ? 's' : ''}.`,
  },
  profile: profileFr,
};
