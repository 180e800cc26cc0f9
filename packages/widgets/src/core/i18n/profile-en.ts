import type { ProfileTranslation } from './profile.js';

const familyStatus: ProfileTranslation['familyStatus'] = {
  married: 'Married',
  civil_partnership: 'Civil partnership',
  cohabiting: 'Living together',
  single: 'Single',
  separated: 'Separated',
  divorced: 'Divorced',
  widowed: 'Widowed',
};

export const profileEn: ProfileTranslation = {
  familyStatusLabel: 'Family status',
  familyStatus,
  sharedCustodyLabel: 'Shared custody',
  noSharedCustody: 'No',
  custody: (billed, even, odd) => `Even weeks: ${even}; odd weeks: ${odd}. Invoices sent to ${billed}.`,
  authorisedPersons: 'People allowed to collect the children',
  noAuthorisedPerson: 'Nobody is registered yet.',
  healthSheet: 'Health sheet',
  noHealthSheet: 'Health sheet not filled in',
  allergies: 'Allergies',
  none: 'None',
  pai: 'Individual care plan (PAI)',
  doctor: 'Family doctor',
  vaccinations: 'Vaccinations up to date',
  yes: 'Yes',
  no: 'No',
  editContact: 'Edit my contact details',
  contactHeading: 'My contact details',
  myPhone: 'My phone',
  phoneHint: 'For example 06 12 34 56 78, or +44 … for a foreign number.',
  addressLine1: 'Address',
  addressLine2: 'Address line 2 (optional)',
  postalCode: 'Postcode',
  postalCodeHint: '5 digits',
  city: 'Town',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  contactSaved: 'Your contact details are saved.',
  required: 'This field is required.',
  invalidPhone: 'This phone number is not valid: 10 digits, or an international number starting with +.',
  invalidPostalCode: 'The postcode has 5 digits.',
  emailHeading: 'My email address',
  newEmail: 'New email address',
  sendLink: 'Send me the confirmation link',
  invalidEmail: 'This email address is not valid.',
  sameEmail: 'This is already your current address.',
  emailLinkSent: (email) =>
    `A confirmation link was sent to ${email}. Open it within 24 hours; until then we keep writing to your current address.`,
  emailConfirmed: (email) => `Your new email address, ${email}, is confirmed. We will write to it from now on.`,
  emailLinkInvalid:
    'This confirmation link is no longer valid (already used, expired or replaced by a newer request). Your email address has not changed: ask again from “My family”.',
  requestChange: 'Request a change',
  requestHeading: 'Request a change',
  requestIntro:
    'The department checks these details before they change. Attach supporting documents (PDF, JPEG or PNG). Until your request is accepted, the current details remain in force.',
  subject: 'What to change',
  kind: {
    family_status: 'Family status',
    shared_custody: 'Shared custody',
    health_sheet: 'A child’s health sheet',
    authorised_person_add: 'Add an authorised person',
    authorised_person_remove: 'Remove an authorised person',
  },
  child: 'Child',
  personName: 'Full name',
  personRelation: 'Relation to the child',
  personPhone: 'Phone',
  personToRemove: 'Person to remove',
  billedGuardian: 'Guardian who receives the invoices',
  evenWeeks: 'Even weeks with',
  oddWeeks: 'Odd weeks with',
  endSharedCustody: 'End the shared custody',
  comment: 'Message to the department (optional)',
  attachments: 'Supporting documents',
  attachmentsHint: (maxMb) => `PDF, JPEG or PNG, at most ${maxMb} MB each, 5 files at most.`,
  send: 'Send the request',
  sending: 'Sending…',
  requestSent: 'Your request is sent. You will find it below with its state.',
  fileRefused: (name, reason) => `The file “${name}” was not attached: ${reason}`,
  fileType: 'only PDF, JPEG or PNG files are accepted.',
  fileTooLarge: 'it is too large.',
  fileEmpty: 'it is empty.',
  tooManyFiles: 'the request already has 5 files.',
  tooManyPending: 'You already have 20 requests awaiting approval: wait for the department’s answer before making a new one.',
  myRequests: 'My requests',
  noRequest: 'You have not requested any change.',
  requestedOn: (date) => `Requested on ${date}`,
  status: { pending: 'Awaiting approval', accepted: 'Accepted', rejected: 'Refused' },
  staffComment: 'Answer from the department',
  documents: 'Supporting documents',
  describe: (change, names) => {
    switch (change.kind) {
      case 'family_status':
        return `Family status: ${familyStatus[change.familyStatus]}`;
      case 'shared_custody':
        return change.sharedCustody
          ? `Shared custody: even weeks with ${names.guardian(change.sharedCustody.evenWeeksGuardianId)}, odd weeks with ${names.guardian(change.sharedCustody.oddWeeksGuardianId)}`
          : 'End of the shared custody';
      case 'health_sheet':
        return `Health sheet of ${names.child(change.childId)}`;
      case 'authorised_person_add':
        return `Add ${change.person.name} (${change.person.relation}) to the authorised persons`;
      case 'authorised_person_remove':
        return 'Remove an authorised person';
    }
  },
};
