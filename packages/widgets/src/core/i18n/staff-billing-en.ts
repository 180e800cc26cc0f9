import type { StaffBillingTranslation } from './translation.js';

const s = (n: number): string => (n === 1 ? '' : 's');

export const staffBillingEn: StaffBillingTranslation = {
  problems: {
    invoice_not_creditable: 'This invoice can no longer take a credit note (cancelled, or nothing left to pay). Reload it.',
    credit_note_too_large: 'The credit note is more than what is left to pay on the invoice.',
  },
  familySearch: 'Search',
  familySearchHint: 'File number, or a guardian’s or child’s name.',
  familyFound: (n) => (n === 0 ? 'No family found' : `Famil${n === 1 ? 'y' : 'ies'} found (${n})`),

  billing: 'Billing',
  billingIntro:
    'Each month, billing issues one invoice per family for the booked days not billed yet (excused absences are not billed), at its income bracket’s price. Families are told by email.',
  runHeading: 'Bill a month',
  runMonth: 'Month to bill',
  runMonthHint: 'Running a month again only bills what is new (e.g. a day booked late).',
  runMonthInvalid: 'Choose the month to bill.',
  runButton: 'Bill this month…',
  runConfirm: (month) =>
    `Bill ${month}? Issued invoices can no longer be changed (only corrected by a credit note) and each family concerned gets an email.`,
  runConfirmButton: (month) => `Yes, bill ${month}`,
  running: 'Billing…',
  cancel: 'Cancel',
  runDone: (month, n, total) =>
    n === 0 ? `Billing of ${month}: nothing new to bill.` : `Billing of ${month}: ${n} invoice${s(n)} issued, ${total} in total.`,
  runNumbers: (numbers, more) => `Invoices no. ${numbers}${more ? '…' : ''}`,

  invoicesHeading: 'Issued invoices',
  filtersLabel: 'Filter the invoices',
  filterMonth: 'Billed month',
  filterState: 'State',
  allStates: 'All states',
  filterFamily: 'Family',
  allFamilies: 'All families',
  filter: 'Show',
  noInvoice: 'No invoice matches.',
  invoiceCount: (n, more) => `${n} invoice${s(n)} shown${more ? ' (there are more)' : ''}.`,
  moreInvoices: 'Show more invoices',
  invoicesCaption: 'Invoices, newest first',
  invoiceNumber: 'Invoice no.',
  family: 'Family',
  month: 'Month',
  actions: 'Actions',

  backToInvoices: 'Back to the invoices',
  correctedInvoice: 'Corrected invoice: it replaces an invoice cancelled by a credit note.',
  downloadPdf: 'Download the invoice (PDF)',
  downloadingPdf: 'Downloading…',
  pdfSaved: (name) => `Invoice downloaded (${name}).`,
  linesCaption: 'Invoice lines',
  creditNotesHeading: 'Credit notes on this invoice',
  creditNoteLine: (number, date, amount, reason) => `Credit note no. ${number} of ${date}: ${amount} — ${reason}`,
  creditNoteHeading: 'Issue a credit note',
  notCreditable: 'Nothing is due on this invoice: no credit note can be issued.',
  creditKind: 'Kind of credit note',
  creditPartial: 'Partial credit note (part of the amount)',
  creditCancel: (due) => `Cancel the invoice (credit note of ${due})`,
  cancelNeedsUnpaid: 'An invoice already partly paid cannot be cancelled: issue a partial credit note.',
  creditAmount: 'Amount of the credit note (€)',
  creditAmountHint: (due) => `At most what is left to pay: ${due}.`,
  reissue: 'Issue a corrected invoice at once (the same days, priced again from today’s bookings, absences and prices)',
  creditReason: 'Reason',
  creditReasonHint: (max) => `Printed on the credit note sent to the family (at most ${max} characters).`,
  createCreditNote: 'Issue the credit note',
  creating: 'Issuing…',
  amountInvalid: 'Type an amount in euros, e.g. 12.50.',
  creditTooLarge: (due) => `The credit note cannot exceed what is left to pay (${due}).`,
  creditReasonRequired: 'Give the reason for the credit note.',
  creditDone: (number, amount, corrected) =>
    `Credit note no. ${number} of ${amount} issued.${corrected ? ` Corrected invoice no. ${corrected} issued.` : ''}`,
};
