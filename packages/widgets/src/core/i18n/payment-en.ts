import type { PaymentTranslation } from './translation.js';

export const paymentEn: PaymentTranslation = {
  problems: {
    invoice_not_payable:
      'One of the chosen invoices has nothing left to pay (already paid or cancelled). Reload the list and choose again.',
    payment_in_progress:
      'A payment of this invoice is already in progress. Wait for the bank’s answer (a few minutes) before trying again.',
    online_payment_unavailable: 'The commune does not take online payments. Contact the office to pay your invoices.',
    payment_provider_unavailable: 'The payment service does not answer at the moment. Nothing was charged: try again a little later.',
  },
  payOnline: 'Pay online',
  paying: 'Preparing the payment…',
  nothingSelected: 'Tick the invoices to pay.',
  selected: (count, total) => `${count} invoice${count > 1 ? 's' : ''} to pay: ${total}`,
  redirecting: 'You are being sent to the secure payment page.',
  confirming: 'Checking your payment with the bank…',
  outcome: {
    validated: (amount, reference) =>
      `Your payment of ${amount} was accepted (reference ${reference}). Thank you. The receipt is in “My payments”.`,
    pending: (amount, reference) =>
      `Your payment of ${amount} (reference ${reference}) is waiting for the bank’s approval. “My payments” will show its outcome.`,
    refused: (amount, reference) =>
      `Your payment of ${amount} (reference ${reference}) did not go through: nothing was charged. You may try again.`,
  },
  myPayments: 'My payments',
  paymentsLabel: 'The family’s payments',
  noPayment: 'No payment yet.',
  paymentTitle: (reference) => `Payment ${reference}`,
  date: 'Date',
  amount: 'Amount',
  method: 'Method',
  methods: { online: 'Online', cheque: 'Cheque', cash: 'Cash', cesu: 'CESU', card_desk: 'Card (at the desk)', credit: 'Credit' },
  invoices: 'Invoices',
  status: 'Status',
  state: { pending: 'Waiting for the bank', validated: 'Accepted', refused: 'Refused' },
  legend: 'Legend',
  credit: (amount) => `Credit on your family account: ${amount}. The office will deduct it from your next invoices.`,
  keptAsCredit: (amount) => `${amount} kept as credit (invoice paid meanwhile)`,
  downloadReceipt: 'Download the receipt (PDF)',
  downloadReceiptOf: (reference) => `Download the receipt (PDF) of payment ${reference}`,
};
