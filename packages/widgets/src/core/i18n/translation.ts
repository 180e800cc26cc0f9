import type { Guardian } from '../types.js';

export type Locale = 'fr' | 'en';

/** Every text a widget shows. Each locale is one object of this type: a missing key fails the build. */
export interface Translation {
  readonly locale: Locale;
  /** The BCP 47 tag handed to `Intl`. */
  readonly intlLocale: string;

  // common
  loading: string;
  retry: string;
  notConfigured: string;
  bannerInfo: string;
  bannerMaintenance: string;
  contactIntro: (serviceName: string) => string;
  phone: string;
  email: string;

  // login
  loginHeading: string;
  identifier: string;
  password: string;
  showPassword: string;
  showPasswords: string;
  signIn: string;
  signingIn: string;
  forgotLink: string;
  identifierRequired: string;
  passwordRequired: string;
  loggedInAs: (displayName: string) => string;
  signOut: string;
  signingOut: string;
  signedOut: string;

  // forgotten identifier or password
  forgotHeading: string;
  forgotIntro: string;
  emailAddress: string;
  send: string;
  sending: string;
  emailInvalid: string;
  forgotSent: string;
  forgotSentHint: string;
  backToLogin: string;

  // activation and reset
  activateHeading: string;
  resetHeading: string;
  activateIntro: string;
  resetIntro: string;
  newPassword: string;
  confirmPassword: string;
  passwordHint: (minLength: number) => string;
  passwordTooShort: (minLength: number) => string;
  passwordMismatch: string;
  activateSubmit: string;
  resetSubmit: string;
  saving: string;
  activated: (identifier: string) => string;
  passwordChanged: (identifier: string) => string;

  // problems
  invalidCredentials: string;
  accountLocked: (minutes: number) => string;
  accountLockedWayOut: string;
  rateLimited: (minutes: number | undefined) => string;
  weakPassword: string;
  invalidToken: string;
  invalidTokenWayOut: string;
  validationFailed: string;
  networkError: string;
  unavailable: string;
  communeNotFound: string;
  sessionExpired: string;
  forbidden: string;
  genericError: string;

  // portal
  portalTitle: (communeName: string) => string;
  sectionsLabel: string;
  myFamily: string;
  familyNumber: (number: string) => string;
  address: string;
  guardians: string;
  children: string;
  relation: Record<Guardian['relation'], string>;
  birthDate: string;
  school: string;
  grade: string;
  notProvided: string;
  noChildren: string;
  staffNotice: string;
}
