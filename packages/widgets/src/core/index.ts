// What every entry (parents' `index.ts`, staff `staff.ts`) exports besides its elements.

export * from '../events/index.js';
export { clientContext } from './client-context.js';
export { getClient, getCommuneInfo, restoreOnce } from './client-registry.js';
export { defineElement } from './define.js';
export { en, fr, type Locale, type StaffTranslation, type Translation, toLocale } from './i18n/index.js';
export { PfElement, type Theme } from './pf-element.js';
export { problemMessage } from './problem-messages.js';
export { SessionController } from './session-controller.js';
export { VERSION } from './version.js';
