import type { ChangeProposal, ChangeRequestStatus, FamilyStatus } from '@portail-famille/sdk';

/** The texts of `<pf-family-profile>` (« Mes informations »). */
export interface ProfileTranslation {
  familyStatusLabel: string;
  familyStatus: Record<FamilyStatus, string>;
  sharedCustodyLabel: string;
  noSharedCustody: string;
  custody: (billed: string, even: string, odd: string) => string;
  authorisedPersons: string;
  noAuthorisedPerson: string;
  healthSheet: string;
  noHealthSheet: string;
  allergies: string;
  none: string;
  pai: string;
  doctor: string;
  vaccinations: string;
  yes: string;
  no: string;
  // direct edits
  editContact: string;
  contactHeading: string;
  myPhone: string;
  phoneHint: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  postalCodeHint: string;
  city: string;
  save: string;
  cancel: string;
  saving: string;
  contactSaved: string;
  required: string;
  invalidPhone: string;
  invalidPostalCode: string;
  emailHeading: string;
  newEmail: string;
  sendLink: string;
  invalidEmail: string;
  emailLinkSent: (email: string) => string;
  emailConfirmed: (email: string) => string;
  emailLinkInvalid: string;
  // change requests
  requestChange: string;
  requestHeading: string;
  requestIntro: string;
  subject: string;
  kind: Record<ChangeProposal['kind'], string>;
  child: string;
  personName: string;
  personRelation: string;
  personPhone: string;
  personToRemove: string;
  billedGuardian: string;
  evenWeeks: string;
  oddWeeks: string;
  endSharedCustody: string;
  comment: string;
  attachments: string;
  attachmentsHint: (maxMb: number) => string;
  send: string;
  sending: string;
  requestSent: string;
  fileRefused: (name: string, reason: string) => string;
  fileType: string;
  fileTooLarge: string;
  fileEmpty: string;
  tooManyFiles: string;
  // my requests
  myRequests: string;
  noRequest: string;
  requestedOn: (date: string) => string;
  status: Record<ChangeRequestStatus, string>;
  staffComment: string;
  documents: string;
  describe: (change: ChangeProposal, names: { child: (id: string) => string; guardian: (id: string) => string }) => string;
}
