import type { StaffPaymentsTranslation } from './translation.js';

const s = (n: number): string => (n === 1 ? '' : 's');

export const staffPaymentsEn: StaffPaymentsTranslation = {
  problems: {
    payment_not_flagged: 'This payment was already settled (perhaps by a colleague just now). The list was updated.',
    insufficient_credit: 'The family’s credit does not cover this amount.',
    invoice_not_payable: 'Credit can only pay what is still due on the ticked invoices.',
  },
  payments: 'Payments',
  intro:
    'Record the payments received at the desk (cheque, cash, CESU, card) or paid from a family’s credit, follow the online payments and the collection report.',

  recordHeading: 'Record a payment',
  family: 'Family',
  chooseFamily: 'Choose a family',
  familyRequired: 'Search for, then choose, the family paying.',
  familyCredit: (amount) => `Credit available for this family: ${amount}.`,
  noFamilyCredit: 'This family has no credit.',
  nothingDue: 'This family has no invoice to pay: a payment will be kept as credit.',
  invoices: 'Invoices paid',
  invoicesHint: 'The amount goes to the ticked invoices in order, never more than is due; the rest is kept as credit.',
  invoiceChoice: (number, month, due) => `No. ${number} (${month}) — ${due} due`,
  method: 'Means of payment',
  deskMethods: {
    cheque: 'Cheque',
    cash: 'Cash',
    cesu: 'CESU',
    card_desk: 'Card (at the desk)',
    credit: 'Family’s credit',
  },
  amount: 'Amount (€)',
  amountHint: 'E.g. 45.80.',
  amountInvalid: 'Type an amount in euros, e.g. 45.80 (at most €100,000).',
  receivedOn: 'Received on',
  receivedOnInvalid: 'Type a valid date, today at the latest.',
  reference: 'Reference',
  referenceHint: 'Cheque or CESU voucher number (optional).',
  creditMethodHint: (balance) => `Credit available: ${balance}.`,
  creditNeedsInvoices: 'Tick the invoices to pay from the credit.',
  creditTooSmall: (balance) => `The family’s credit is only ${balance}.`,
  record: 'Record the payment',
  recording: 'Recording…',
  recorded: (reference, amount, allocated, credit) =>
    `Payment no. ${reference} of ${amount} recorded: ${allocated} to the invoices, ${credit} kept as credit.`,

  paymentsHeading: 'Payments',
  filtersLabel: 'Filter the payments',
  filterState: 'State',
  allStates: 'All states',
  onlyFlagged: 'Only the payments to check',
  filter: 'Show',
  reconcile: 'Ask the provider about pending payments',
  reconciling: 'Asking…',
  reconciled: (r) =>
    r.checked === 0
      ? 'No online payment is pending.'
      : `${r.checked} payment${s(r.checked)} checked: ${r.validated} validated, ${r.refused} refused, ${r.pending} still pending, ${r.anomalies} to check.`,
  noPayment: 'No payment matches.',
  paymentCount: (n, more) => `${n} payment${s(n)}, newest first${more ? ' (there are older ones)' : ''}.`,
  morePayments: 'Show more payments',
  paymentsCaption: 'Payments, newest first',
  date: 'Date',
  state: 'State',
  refusalReasons: {
    refused: 'refused by the bank',
    abandoned: 'abandoned',
    expired: 'expired',
    failed: 'technical failure',
    rejected: 'rejected by staff',
  },
  flagged: 'To check',
  mismatch: (asked, reported) =>
    reported === null
      ? `The provider did not confirm the payment of ${asked}: the invoices stay held.`
      : `The provider reports ${reported} instead of ${asked}: the invoices stay held.`,
  unknownResult: 'The provider’s answer could not be understood: the invoices stay held.',
  resolved: (decision, by, at, comment) => `${decision === 'accepted' ? 'Accepted' : 'Rejected'} by ${by} on ${at}: “${comment}”`,
  keptAsCredit: (amount) => `${amount} kept as credit`,
  settle: 'Settle',
  settleLabel: (reference) => `Settle payment no. ${reference}`,

  settleHeading: (reference) => `Payment no. ${reference} to check`,
  askedAmount: 'Amount asked',
  reportedAmount: 'Amount reported by the provider',
  noReportedAmount: 'none',
  settleIntro:
    'Check on the collection office’s statement what actually came in. Accepting spreads that amount over the invoices (the rest becomes credit) and mails the receipt; rejecting makes the invoices « to pay » again.',
  decision: 'Decision',
  accept: 'Accept: the money came in',
  reject: 'Reject: nothing came in (the invoices are to pay again)',
  receivedAmount: 'Amount actually received (€)',
  receivedAmountHint: 'Filled in with the amount the provider reported.',
  comment: 'Comment',
  commentHint: (max) =>
    `Required: what you checked (at most ${max} characters). Kept with the payment; the family portal does not show it.`,
  commentRequired: 'Explain your decision in a few words.',
  confirmAccept: 'Accept the payment',
  confirmReject: 'Reject the payment',
  settling: 'Saving…',
  cancel: 'Cancel',
  accepted: (reference, allocated, credit) =>
    `Payment no. ${reference} accepted: ${allocated} to the invoices, ${credit} kept as credit. The receipt is sent to the family.`,
  rejected: (reference) => `Payment no. ${reference} rejected: its invoices are to pay again.`,

  reportHeading: 'Collection report',
  reportPeriod: 'Period of the report',
  from: 'From',
  to: 'To',
  periodInvalid: 'Type two valid dates, the first before the second.',
  showReport: 'Show the report',
  reportCaption: (from, to) => `Money collected from ${from} to ${to}, by means of payment`,
  count: 'Count',
  nothingCollected: 'Nothing collected over the period.',
  notCounted: '(not counted in the total)',
  totalCollected: 'Total collected',
  creditCreated: (amount) => `Of which kept as families’ credit: ${amount}.`,
};
