export { PfLoginEvent, type PfLoginDetail } from './pf-login-event.js';
export { PfLogoutEvent } from './pf-logout-event.js';
export { PfErrorEvent, type PfErrorDetail } from './pf-error-event.js';
