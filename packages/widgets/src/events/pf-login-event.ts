import type { Me } from '@portail-famille/sdk';

export interface PfLoginDetail {
  /** The account now logged in. */
  account: Me;
}

/** Someone logged in through a widget. Bubbles and crosses shadow roots. */
export class PfLoginEvent extends CustomEvent<PfLoginDetail> {
  static readonly eventName = 'pf-login';
  constructor(detail: PfLoginDetail) {
    super(PfLoginEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-login': PfLoginEvent;
  }
}
