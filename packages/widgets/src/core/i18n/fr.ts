import type { Translation } from './translation.js';

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
  accountLocked: (n) =>
    `Votre compte est bloqué après trop de tentatives de connexion infructueuses. Réessayez dans ${minutes(n)}.`,
  accountLockedWayOut:
    'Vous pouvez aussi le débloquer tout de suite en choisissant un nouveau mot de passe avec « Identifiant ou mot de passe oublié ? ».',
  rateLimited: (n) =>
    n === undefined
      ? 'Trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.'
      : `Trop de tentatives en peu de temps. Patientez ${minutes(n)} avant de réessayer.`,
  weakPassword:
    'Ce mot de passe est trop courant ou trop court : il serait facile à deviner. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  invalidToken: 'Ce lien n’est plus valide (déjà utilisé ou expiré).',
  invalidTokenWayOut:
    'Demandez un nouveau lien avec « Identifiant ou mot de passe oublié ? », ou contactez le service.',
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
};
