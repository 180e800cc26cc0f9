import type { components } from '@portail-famille/sdk';

export interface PfInvoiceSelectionDetail {
  /** The invoices ticked for payment, in list order; each has an amount due. */
  invoices: components['schemas']['InvoiceSummary'][];
  /** The sum of their amounts due, in cents. */
  totalCents: number;
}

/** The invoices ticked for payment changed (`<pf-invoice-list>`). Bubbles and crosses shadow roots. */
export class PfInvoiceSelectionEvent extends CustomEvent<PfInvoiceSelectionDetail> {
  static readonly eventName = 'pf-invoice-selection';
  constructor(detail: PfInvoiceSelectionDetail) {
    super(PfInvoiceSelectionEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-invoice-selection': PfInvoiceSelectionEvent;
  }
}
