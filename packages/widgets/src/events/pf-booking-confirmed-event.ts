import type { components } from '@portail-famille/sdk';

export interface PfBookingConfirmedDetail {
  /** The booking request as the server recorded it: its number, status and each line's outcome. */
  request: components['schemas']['BookingRequest'];
}

/** A booking request was confirmed (« Confirmer la réservation »). Bubbles and crosses shadow roots. */
export class PfBookingConfirmedEvent extends CustomEvent<PfBookingConfirmedDetail> {
  static readonly eventName = 'pf-booking-confirmed';
  constructor(detail: PfBookingConfirmedDetail) {
    super(PfBookingConfirmedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pf-booking-confirmed': PfBookingConfirmedEvent;
  }
}
