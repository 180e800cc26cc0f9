// What every component test file sets up the same way: the mock API, a clean page between
// tests, and the steps a visitor takes (signing in, arriving from an emailed link).

import { byButton, byLabel, cleanup, type } from './dom.js';
import { GOOD_PASSWORD, startMockApi, worker } from './mock-api.js';

/** Starts the mock API once; after each test, removes what was mounted, the tests' handlers and any `#fragment`. */
export function useMockApi(): void {
  before(startMockApi);
  afterEach(() => {
    cleanup();
    worker.resetHandlers();
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });
}

const signInTexts = {
  fr: { identifier: 'Identifiant', password: 'Mot de passe', submit: 'Se connecter' },
  en: { identifier: 'Login', password: 'Password', submit: 'Sign in' },
};

/** Fills and submits the `<pf-login>` form found under `root` (shadow roots included). */
export async function signIn(
  root: ParentNode,
  identifier = 'marie.dupont',
  password = GOOD_PASSWORD,
  lang: 'fr' | 'en' = 'fr',
): Promise<void> {
  const texts = signInTexts[lang];
  type(byLabel(root, texts.identifier), identifier);
  type(byLabel(root, texts.password), password);
  byButton(root, texts.submit).click();
}

/** Puts a token in the URL fragment as the emailed link does. */
export function arriveFromLink(fragment: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
}
