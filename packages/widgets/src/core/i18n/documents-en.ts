import { formatCivil } from './civil.js';
import type { DocumentsTranslation } from './translation.js';

const date = (iso: string): string => formatCivil(iso, 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

export const documentsEn: DocumentsTranslation = {
  heading: 'Documents',
  category: {
    canteen_menu: 'Canteen menus',
    activity_planning: 'Activity plannings',
    enrolment_form: 'Enrolment forms',
    school_pre_enrolment: 'School pre-enrolment',
  },
  empty: 'No document is available at the moment. The menus, plannings and enrolment forms the town publishes will appear here.',
  validity: (from, to) => `Valid from ${date(from)} to ${date(to)}`,
  forFacility: (name) => `For the families of: ${name}`,
  download: 'Download',
  downloadDetail: (title, kind, size) => `“${title}” (${kind}, ${size})`,
  downloading: 'Downloading…',
  downloaded: (name) => `The file “${name}” has been downloaded.`,
  size: (bytes) =>
    bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  myData: 'Your personal data',
  myDataIntro:
    'You can download at any time everything the town keeps about your family (file, children, accounts, bookings, absences, change requests, invoices and payments) as a JSON file.',
  downloadMyData: 'Download my data',
  preparingMyData: 'Preparing the file…',
};
