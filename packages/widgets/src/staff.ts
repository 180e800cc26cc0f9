/**
 * The staff console's entry (bundle `portail-famille-staff.js`): registers
 * `<pf-staff-console>` and what it needs, `<pf-login>` included. The parents' entry
 * (`index.ts`, bundle `portail-famille.js`) does not carry it.
 */
export * from './core/index.js';
export { PfLogin } from './pf-login/pf-login.js';
export { PfStaffConsole } from './pf-staff-console/pf-staff-console.js';
