import type { PortailApiError } from '@portail-famille/sdk';

export interface PfErrorDetail {
  /** The typed SDK error (branch on `error.code`), or what else was thrown. */
  error: PortailApiError | Error;
}

/** A call to the portal failed; the widget already shows a message. Bubbles and crosses shadow roots. */
export class PfErrorEvent extends CustomEvent<PfErrorDetail> {
  static readonly eventName = 'pf-error';
  constructor(detail: PfErrorDetail) {
    super(PfErrorEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-error': PfErrorEvent;
  }
}
