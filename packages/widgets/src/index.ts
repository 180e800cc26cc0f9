/**
 * Portail Famille widgets. Importing this module (or loading the bundle with one
 * `<script type="module">`) registers every element.
 */
export { PfElement, type Theme } from './core/pf-element.js';
export { defineElement } from './core/define.js';
export { getClient, restoreOnce, getCommuneInfo } from './core/client-registry.js';
export { clientContext } from './core/client-context.js';
export { SessionController } from './core/session-controller.js';
export { fr, en, toLocale, type Locale, type Translation } from './core/i18n/index.js';
export { problemMessage } from './core/problem-messages.js';
export { VERSION } from './core/version.js';
export * from './events/index.js';
export { PfLogin } from './pf-login/pf-login.js';
export { PfPortal } from './pf-portal/pf-portal.js';
