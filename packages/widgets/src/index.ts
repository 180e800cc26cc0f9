/**
 * Portail Famille widgets for parents' pages. Importing this module (or loading the bundle
 * `portail-famille.js` with one `<script type="module">`) registers `<pf-login>`,
 * `<pf-portal>`, `<pf-booking-planner>`, `<pf-reservation-list>` and `<pf-invoice-list>`. The staff console is a separate entry: `staff.ts` (`portail-famille-staff.js`).
 * `<pf-portal>`, `<pf-booking-planner>`, `<pf-reservation-list>` and `<pf-family-profile>`. The staff console is a separate entry: `staff.ts` (`portail-famille-staff.js`).
 * `<pf-portal>`, `<pf-booking-planner>`, `<pf-reservation-list>` and `<pf-documents>`. The staff console is a separate entry: `staff.ts` (`portail-famille-staff.js`).
 * `<pf-portal>`, `<pf-booking-planner>`, `<pf-reservation-list>`, `<pf-invoice-list>`, `<pf-pay-button>` and `<pf-payment-list>`. The staff console is a separate entry: `staff.ts` (`portail-famille-staff.js`).
 */
export * from './core/index.js';
export { PfBookingPlanner } from './pf-booking-planner/pf-booking-planner.js';
export { PfDocuments } from './pf-documents/pf-documents.js';
export { PfFamilyProfile } from './pf-family-profile/pf-family-profile.js';
export { PfInvoiceList } from './pf-invoice-list/pf-invoice-list.js';
export { PfLogin } from './pf-login/pf-login.js';
export { PfPayButton } from './pf-pay-button/pf-pay-button.js';
export { PfPaymentList } from './pf-payment-list/pf-payment-list.js';
export { PfPortal } from './pf-portal/pf-portal.js';
export { PfReservationList } from './pf-reservation-list/pf-reservation-list.js';
