import type { Guardian } from '../types.js';
import type { ProfileTranslation } from './profile.js';

/** A field of the « Nouvelle famille » form whose label or check message is translated. */
export type FamilyFormField =
  | 'line1'
  | 'line2'
  | 'postalCode'
  | 'city'
  | 'quotientFamilial'
  | 'firstName'
  | 'lastName'
  | 'relation'
  | 'email'
  | 'phone'
  | 'birthDate'
  | 'school'
  | 'grade';

/** The texts of `<pf-staff-console>` (the commune's back office). */
export interface StaffTranslation {
  loginHeading: string;
  consoleTitle: (communeName: string) => string;
  sectionsLabel: string;
  guardianNotice: string;
  noStaffRole: string;

  // families
  families: string;
  searchLabel: string;
  searchHint: string;
  searchSubmit: string;
  searchAll: string;
  familyCount: (count: number, more: boolean) => string;
  noFamily: string;
  noFamilyMatching: (query: string) => string;
  moreFamilies: string;
  loadingMore: string;
  childCount: (count: number) => string;
  noGuardian: string;
  familyListLabel: string;
  backToList: string;
  quotientFamilial: string;

  // accounts
  portalAccount: string;
  accountNone: string;
  accountPending: (until: string) => string;
  accountPendingPlain: string;
  accountPendingExpired: (since: string) => string;
  accountActive: string;
  accountDisabled: string;
  accountLocked: (until: string) => string;
  accountIdentifier: (identifier: string) => string;
  /** A date and time, e.g. « 28/11/2025 à 14 h 32 ». */
  dateTime: (date: Date) => string;
  /** A time of day, e.g. « 14 h 32 »; with the date when it is not today. */
  lockTime: (date: Date, now: Date) => string;
  optionalIdentifier: string;
  identifierHint: string;
  identifierInvalid: string;
  createAccount: string;
  creatingAccount: string;
  resendActivation: string;
  resending: string;
  unlockAccount: string;
  unlocking: string;
  accountCreated: (identifier: string, email: string) => string;
  activationResent: (email: string) => string;
  accountUnlocked: string;
  identifierTaken: string;
  accountExists: string;
  accountAlreadyActive: string;
  familyNumberTaken: string;
  staffForbidden: string;
  staffNotFound: string;

  // new family
  newFamily: string;
  newFamilyIntro: string;
  requiredNote: string;
  optional: (label: string) => string;
  addressLegend: string;
  guardianLegend: (index: number) => string;
  childLegend: (index: number) => string;
  fieldLabel: Record<FamilyFormField, string>;
  fieldHint: Partial<Record<FamilyFormField, string>>;
  fieldInvalid: Record<FamilyFormField, string>;
  chooseRelation: string;
  relationOption: Record<Guardian['relation'], string>;
  addGuardian: string;
  removeGuardian: string;
  addChild: string;
  removeChild: (index: number) => string;
  noChildYet: string;
  createFamily: string;
  creatingFamily: string;
  formHasErrors: (count: number) => string;
  familyCreated: (number: string) => string;

  // banner
  banner: string;
  bannerIntro: string;
  currentBanner: string;
  noBanner: string;
  bannerUpdated: (when: string) => string;
  bannerKind: string;
  bannerMessage: string;
  bannerMessageHint: (max: number) => string;
  bannerMessageRequired: string;
  bannerMessageTooLong: (max: number) => string;
  publishBanner: string;
  publishing: string;
  clearBanner: string;
  clearing: string;
  bannerPublished: string;
  bannerCleared: string;

  // the logo on the commune's documents (« Logo des documents »)
  logo: string;
  logoIntro: string;
  currentLogo: string;
  noLogo: string;
  newLogo: string;
  logoHint: string;
  logoRequired: string;
  logoType: string;
  logoTooLarge: string;
  logoEmpty: string;
  sendLogo: string;
  sendingLogo: string;
  removeLogo: string;
  removingLogo: string;
  logoSent: string;
  logoRemoved: string;

  // pending booking requests
  pendingBookings: string;
  pendingIntro: string;
  noPending: string;
  pendingCount: (count: number) => string;
  selectAll: string;
  selectPending: (childName: string, date: string, activityName: string) => string;
  selection: string;
  pendingDate: string;
  pendingChild: string;
  pendingFamily: string;
  pendingActivity: string;
  pendingRequest: string;
  refusalComment: string;
  refusalCommentHint: (max: number) => string;
  acceptSelection: string;
  refuseSelection: string;
  deciding: string;
  /** What became of the decided days, e.g. « 3 jours acceptés, 1 refusé (complet), 1 déjà traité. ». */
  decisionSummary: (counts: DecisionCounts) => string;

  // closures (« Fermetures »)
  closures: string;
  closuresIntro: string;
  noClosures: string;
  closureListLabel: string;
  closureLabel: string;
  closureLabelHint: string;
  closureDates: string;
  closureScope: string;
  closureActions: string;
  closureScopeAll: string;
  /** A closure of a facility the signed-in person cannot see by name (agents). */
  closureScopeOne: string;
  closureRange: (start: string, end: string, oneDay: boolean) => string;
  deleteClosure: string;
  deleteClosureLabel: (label: string) => string;
  deletingClosure: string;
  closureDeleted: (label: string) => string;
  newClosure: string;
  closureStart: string;
  closureEnd: string;
  closureEndHint: string;
  closureWarning: string;
  createClosure: string;
  creatingClosure: string;
  closureCreated: (label: string, cancelledBookings: number) => string;
  closureLabelRequired: string;
  closureDateRequired: string;
  closureEndBeforeStart: string;

  // attendance (« l'appel »)
  attendance: string;
  attendanceIntro: string;
  attendanceDate: string;
  attendanceActivity: string;
  attendanceActivityOption: (activity: string, facility: string, expected: number) => string;
  noActivityThatDay: string;
  attendanceCaption: (activity: string, date: string) => string;
  noChildExpected: string;
  attendanceChild: string;
  attendanceBooking: string;
  attendancePresence: string;
  presenceOf: (childName: string) => string;
  present: string;
  absent: string;
  bookingStates: Record<BookingStateName, string>;
  absenceStates: Record<'declared' | 'excused' | 'not_excused', string>;
  attendanceFuture: string;
  markAllPresent: string;
  saveAttendance: string;
  savingAttendance: string;
  attendanceSaved: (present: number, absent: number) => string;
}

/** How many decided days ended in each state (`full`: accepted but refused for lack of places). */
export interface DecisionCounts {
  booked: number;
  waitingList: number;
  refused: number;
  full: number;
  notPending: number;
}

/** An invoice's state, from the contract's `InvoiceState`. */
export type InvoiceStateName = 'to_pay' | 'partly_paid' | 'paid' | 'cancelled';

/** The texts of `<pf-invoice-list>`. */
export interface InvoiceTranslation {
  myInvoices: string;
  invoicesLabel: string;
  noInvoice: string;
  moreInvoices: string;
  invoiceTitle: (number: string) => string;
  /** « mars 2026 » from `2026-03`. */
  month: (month: string) => string;
  issuedOn: string;
  dueDate: string;
  total: string;
  amountDue: string;
  credited: string;
  paid: string;
  status: string;
  state: Record<InvoiceStateName, string>;
  legend: string;
  /** « 12,50 € » from cents. */
  euros: (cents: number) => string;
  select: (number: string) => string;
  selection: (count: number, total: string) => string;
  details: string;
  detailsOf: (number: string) => string;
  close: string;
  child: string;
  activity: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  creditNote: (number: string, reason: string) => string;
  replaces: (number: string) => string;
  downloadPdf: string;
  downloadPdfOf: (number: string) => string;
  /** The button that downloads one credit note of the invoice shown. */
  downloadCreditNote: (number: string) => string;
}

/** A payment's state, from the contract's `PaymentState`. */
export type PaymentStateName = 'pending' | 'validated' | 'refused';
/** How a payment was made, from the contract's `PaymentMethod`. */
export type PaymentMethodName = 'online' | 'cheque' | 'cash' | 'cesu' | 'card_desk' | 'credit';

/** The problems « Payer en ligne » can meet, each said in words. */
export type PaymentProblem = 'invoice_not_payable' | 'payment_in_progress' | 'online_payment_unavailable' | 'payment_provider_unavailable';

/** The texts of `<pf-pay-button>` and `<pf-payment-list>`. */
export interface PaymentTranslation {
  problems: Record<PaymentProblem, string>;
  payOnline: string;
  paying: string;
  nothingSelected: string;
  selected: (count: number, total: string) => string;
  redirecting: string;
  confirming: string;
  /** The message on return from the provider's page. */
  outcome: Record<PaymentStateName, (amount: string, reference: string) => string>;
  myPayments: string;
  paymentsLabel: string;
  noPayment: string;
  paymentTitle: (reference: string) => string;
  date: string;
  amount: string;
  method: string;
  methods: Record<PaymentMethodName, string>;
  invoices: string;
  status: string;
  state: Record<PaymentStateName, string>;
  legend: string;
  credit: (amount: string) => string;
  keptAsCredit: (amount: string) => string;
  downloadReceipt: string;
  downloadReceiptOf: (reference: string) => string;
}

/** A cell's booking state, from the contract's `BookingState`. */
export type BookingStateName = 'none' | 'booked' | 'pending' | 'waiting_list' | 'refused' | 'cancelled' | 'excused_absence';
/** Why a cell cannot change, or why a line was refused (the contract's `RefusalReason`). */
export type BookingReason =
  | 'deadline_passed'
  | 'closed'
  | 'full'
  | 'not_enrolled'
  | 'period_not_open'
  | 'not_in_period'
  | 'already_booked'
  | 'not_booked'
  | 'refused_by_staff';
export type LineOutcome = 'accepted' | 'pending' | 'waiting_list' | 'refused';
export type RequestStatus = 'accepted' | 'pending' | 'partially_accepted' | 'refused';

/** The texts of `<pf-booking-planner>` and `<pf-reservation-list>`. */
export interface BookingTranslation {
  plannerHeading: string;
  child: string;
  facility: string;
  period: string;
  noChild: string;
  noOpenPeriodForFacility: string;
  notEnrolled: (childName: string, serviceName: string) => string;
  noOpenPeriod: (childName: string) => string;
  nextOpening: (when: string) => string;
  noNextOpening: string;
  periodDates: (start: string, end: string) => string;
  /** A civil date in full, e.g. « lundi 9 mars 2026 ». */
  longDate: (isoDate: string) => string;
  /** A short day heading, e.g. « lun. 9 mars ». */
  shortDate: (isoDate: string) => string;
  dateTime: (date: Date) => string;
  week: (from: string, to: string) => string;
  previousWeek: string;
  nextWeek: string;
  gridLabel: (childName: string, periodName: string) => string;
  day: string;
  state: Record<BookingStateName, string>;
  toAdd: string;
  toCancel: string;
  notOffered: string;
  locked: string;
  lockedBecause: (reason: string) => string;
  reason: Record<BookingReason, string>;
  placesLeft: (n: number) => string;
  placesLeftShort: (n: number) => string;
  deadline: (when: string) => string;
  legend: string;
  quickSelection: string;
  activity: string;
  allPeriodDays: string;
  shownDays: string;
  autoSelection: string;
  autoSelectionHint: string;
  weekdays: readonly string[];
  overPeriod: string;
  overWeek: string;
  scope: string;
  applyAuto: string;
  clearChoices: string;
  choicesCount: (adds: number, cancels: number) => string;
  noChoice: string;
  summary: string;
  summaryIntro: (childName: string, periodName: string) => string;
  adding: string;
  cancelling: string;
  backToPlanner: string;
  confirm: string;
  confirming: string;
  outcome: Record<LineOutcome, string>;
  requestSent: (number: number) => string;
  requestStatus: Record<RequestStatus, string>;
  newBooking: string;
  added: (what: string) => string;
  removed: (what: string) => string;
  cellLocked: (what: string, reason: string) => string;
  selectedCount: (n: number) => string;
  keptChoices: (childName: string, n: number) => string;
  requestConflict: string;

  // « Mes réservations »
  myReservations: string;
  noRequest: string;
  requestTitle: (number: number) => string;
  referent: string;
  submittedOn: string;
  status: string;
  showLines: string;
  moreRequests: string;
  requestsLabel: string;
}

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
  bookingsTab: string;
  myReservationsTab: string;
  documentsTab: string;

  // documents and the family's data
  documents: DocumentsTranslation;

  // bookings
  booking: BookingTranslation;

  // invoices (« Mes factures »)
  invoicesTab: string;
  invoice: InvoiceTranslation;

  // payments (« Payer en ligne », « Mes paiements »)
  payment: PaymentTranslation;

  // staff console
  staff: StaffTranslation;
  staffBilling: StaffBillingTranslation;
  staffPayments: StaffPaymentsTranslation;

  // « Mes informations » (<pf-family-profile>)
  profile: ProfileTranslation;
}

/** The console's « Facturation » tab (and the family search shared by the billing tabs). */
export interface StaffBillingTranslation {
  problems: Record<'invoice_not_creditable' | 'credit_note_too_large', string>;
  familySearch: string;
  familySearchHint: string;
  familyFound: (count: number) => string;

  billing: string;
  billingIntro: string;
  runHeading: string;
  runMonth: string;
  runMonthHint: string;
  runMonthInvalid: string;
  runButton: string;
  /** The question before billing, with the month's name (« mars 2026 »). */
  runConfirm: (month: string) => string;
  runConfirmButton: (month: string) => string;
  running: string;
  cancel: string;
  runDone: (month: string, count: number, total: string) => string;
  runNumbers: (numbers: string, more: boolean) => string;

  invoicesHeading: string;
  filtersLabel: string;
  filterMonth: string;
  filterState: string;
  allStates: string;
  filterFamily: string;
  allFamilies: string;
  filter: string;
  noInvoice: string;
  invoiceCount: (count: number, more: boolean) => string;
  moreInvoices: string;
  invoicesCaption: string;
  invoiceNumber: string;
  family: string;
  month: string;
  actions: string;

  backToInvoices: string;
  correctedInvoice: string;
  downloadPdf: string;
  downloadingPdf: string;
  pdfSaved: (name: string) => string;
  linesCaption: string;
  creditNotesHeading: string;
  creditNoteLine: (number: string, date: string, amount: string, reason: string) => string;
  creditNoteHeading: string;
  notCreditable: string;
  creditKind: string;
  creditPartial: string;
  creditCancel: (due: string) => string;
  cancelNeedsUnpaid: string;
  creditAmount: string;
  creditAmountHint: (due: string) => string;
  reissue: string;
  creditReason: string;
  creditReasonHint: (max: number) => string;
  createCreditNote: string;
  creating: string;
  amountInvalid: string;
  creditTooLarge: (due: string) => string;
  creditReasonRequired: string;
  creditDone: (number: string, amount: string, corrected: string | null) => string;
}

/** Why a payment was refused, from the contract's `refusalReason`. */
export type PaymentRefusalName = 'refused' | 'abandoned' | 'expired' | 'failed' | 'rejected';

/** The console's « Encaissements » tab. */
export interface StaffPaymentsTranslation {
  problems: Record<'payment_not_flagged' | 'insufficient_credit' | 'invoice_not_payable', string>;
  payments: string;
  intro: string;

  recordHeading: string;
  family: string;
  chooseFamily: string;
  familyRequired: string;
  familyCredit: (amount: string) => string;
  noFamilyCredit: string;
  nothingDue: string;
  invoices: string;
  invoicesHint: string;
  invoiceChoice: (number: string, month: string, due: string) => string;
  method: string;
  deskMethods: Record<'cheque' | 'cash' | 'cesu' | 'card_desk' | 'credit', string>;
  amount: string;
  amountHint: string;
  amountInvalid: string;
  receivedOn: string;
  receivedOnInvalid: string;
  reference: string;
  referenceHint: string;
  creditMethodHint: (balance: string) => string;
  creditNeedsInvoices: string;
  creditTooSmall: (balance: string) => string;
  record: string;
  recording: string;
  recorded: (reference: string, amount: string, allocated: string, credit: string) => string;

  paymentsHeading: string;
  filtersLabel: string;
  filterState: string;
  allStates: string;
  onlyFlagged: string;
  filter: string;
  reconcile: string;
  reconciling: string;
  reconciled: (r: { checked: number; validated: number; refused: number; pending: number; anomalies: number }) => string;
  noPayment: string;
  paymentCount: (count: number, more: boolean) => string;
  morePayments: string;
  paymentsCaption: string;
  date: string;
  state: string;
  refusalReasons: Record<PaymentRefusalName, string>;
  flagged: string;
  mismatch: (asked: string, reported: string | null) => string;
  unknownResult: string;
  resolved: (decision: 'accepted' | 'rejected', by: string, at: string, comment: string) => string;
  keptAsCredit: (amount: string) => string;
  settle: string;
  settleLabel: (reference: string) => string;

  settleHeading: (reference: string) => string;
  askedAmount: string;
  reportedAmount: string;
  noReportedAmount: string;
  settleIntro: string;
  decision: string;
  accept: string;
  reject: string;
  receivedAmount: string;
  receivedAmountHint: string;
  comment: string;
  commentHint: (max: number) => string;
  commentRequired: string;
  confirmAccept: string;
  confirmReject: string;
  settling: string;
  cancel: string;
  accepted: (reference: string, allocated: string, credit: string) => string;
  rejected: (reference: string) => string;

  reportHeading: string;
  reportPeriod: string;
  from: string;
  to: string;
  periodInvalid: string;
  showReport: string;
  reportCaption: (from: string, to: string) => string;
  count: string;
  nothingCollected: string;
  notCounted: string;
  totalCollected: string;
  creditCreated: (amount: string) => string;
}

/** The texts of `<pf-documents>`. */
export interface DocumentsTranslation {
  heading: string;
  category: Record<'canteen_menu' | 'activity_planning' | 'enrolment_form' | 'school_pre_enrolment', string>;
  empty: string;
  validity: (fromIso: string, toIso: string) => string;
  forFacility: (name: string) => string;
  download: string;
  /** Read after « Télécharger » by screen readers: which file it is. */
  downloadDetail: (title: string, kind: string, size: string) => string;
  downloading: string;
  downloaded: (name: string) => string;
  size: (bytes: number) => string;
  myData: string;
  myDataIntro: string;
  downloadMyData: string;
  preparingMyData: string;
}
