export { type PfBookingConfirmedDetail, PfBookingConfirmedEvent } from './pf-booking-confirmed-event.js';
export { type PfErrorDetail, PfErrorEvent } from './pf-error-event.js';
export { type PfInvoiceSelectionDetail, PfInvoiceSelectionEvent } from './pf-invoice-selection-event.js';
export { type PfLoginDetail, PfLoginEvent } from './pf-login-event.js';
export { PfLogoutEvent } from './pf-logout-event.js';
export { PfPaymentReturnEvent, PfPaymentStartEvent } from './pf-payment-events.js';
