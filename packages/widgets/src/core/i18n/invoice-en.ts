import type { InvoiceTranslation } from './translation.js';

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const months = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const invoiceEn: InvoiceTranslation = {
  myInvoices: 'My invoices',
  invoicesLabel: 'The family’s invoices',
  noInvoice: 'You have no invoice yet.',
  moreInvoices: 'Show more',
  invoiceTitle: (number) => `Invoice no. ${number}`,
  month: (month) => {
    const [y = 0, m = 1] = month.split('-').map(Number);
    return months.format(new Date(Date.UTC(y, m - 1, 1)));
  },
  issuedOn: 'Issued on',
  dueDate: 'Due by',
  total: 'Amount',
  amountDue: 'Left to pay',
  credited: 'Credit notes',
  paid: 'Already paid',
  status: 'Status',
  state: { to_pay: 'To pay', partly_paid: 'Partly paid', paid: 'Paid', cancelled: 'Cancelled' },
  legend: 'Legend',
  euros: (cents) => euros.format(cents / 100),
  select: (number) => `Select invoice no. ${number} for payment`,
  selection: (count, total) => (count === 0 ? 'No invoice selected.' : `${count} invoice${count > 1 ? 's' : ''} selected: ${total}`),
  details: 'Details',
  detailsOf: (number) => `Details of invoice no. ${number}`,
  close: 'Close',
  child: 'Child',
  activity: 'Service',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Amount',
  creditNote: (number, reason) => `Credit note no. ${number} (${reason})`,
  replaces: (number) => `Corrected invoice, replacing invoice no. ${number}`,
  downloadPdf: 'Download the invoice (PDF)',
  downloadPdfOf: (number) => `PDF of invoice no. ${number}`,
  downloadCreditNote: (number) => `Download credit note no. ${number} (PDF)`,
};
