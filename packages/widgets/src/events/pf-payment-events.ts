import type { components } from '@portail-famille/sdk';

type Payment = components['schemas']['Payment'];
type PaymentRedirect = components['schemas']['PaymentRedirect'];

/**
 * `<pf-pay-button>` is about to send the browser to the provider's page. Cancelable: a page
 * that calls `preventDefault()` does the redirect itself (`detail.redirect`).
 */
export class PfPaymentStartEvent extends CustomEvent<{ payment: Payment; redirect: PaymentRedirect }> {
  static readonly eventName = 'pf-payment-start';
  constructor(detail: { payment: Payment; redirect: PaymentRedirect }) {
    super(PfPaymentStartEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** Back from the provider's page, the server said how the payment stands (`detail.payment.state`). */
export class PfPaymentReturnEvent extends CustomEvent<{ payment: Payment }> {
  static readonly eventName = 'pf-payment-return';
  constructor(detail: { payment: Payment }) {
    super(PfPaymentReturnEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-payment-start': PfPaymentStartEvent;
    'pf-payment-return': PfPaymentReturnEvent;
  }
}
