// What every entry (parents' `index.ts`, staff `staff.ts`) exports besides its elements.
export { PfElement, type Theme } from './pf-element.js';
export { defineElement } from './define.js';
export { getClient, restoreOnce, getCommuneInfo } from './client-registry.js';
export { clientContext } from './client-context.js';
export { SessionController } from './session-controller.js';
export { fr, en, toLocale, type Locale, type Translation, type StaffTranslation } from './i18n/index.js';
export { problemMessage } from './problem-messages.js';
export { VERSION } from './version.js';
export * from '../events/index.js';
