/** The visitor logged out through a widget. Bubbles and crosses shadow roots. */
export class PfLogoutEvent extends Event {
  static readonly eventName = 'pf-logout';
  constructor() {
    super(PfLogoutEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-logout': PfLogoutEvent;
  }
}
