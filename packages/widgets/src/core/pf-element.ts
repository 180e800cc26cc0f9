import { ContextConsumer } from '@lit/context';
import type { PortailClient } from '@portail-famille/sdk';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { PfErrorEvent } from '../events/pf-error-event.js';
import { PfLogoutEvent } from '../events/pf-logout-event.js';
import { clientContext } from './client-context.js';
import { getClient } from './client-registry.js';
import { type Locale, langOf, type Translation, toLocale, translationFor } from './i18n/index.js';
import { SessionController } from './session-controller.js';
import { VERSION } from './version.js';

export type Theme = 'light' | 'dark' | 'auto';

/**
 * The base class of every Portail Famille widget: configuration attributes, the shared SDK
 * client and session, locale and theme. Widgets extend this, never `LitElement` directly.
 */
export abstract class PfElement extends LitElement {
  static readonly version = VERSION;

  /** Base URL of the Portail Famille API; the page's origin when absent. */
  @property({ reflect: true }) api?: string;

  /** The commune's slug, e.g. `val-de-loire`. Inside `<pf-portal>` it may be left out. */
  @property({ reflect: true }) commune?: string;

  /**
   * `light` (default), `dark`, or `auto` (follows the visitor's system setting).
   * Only the attribute is read by the styles.
   */
  @property({ reflect: true }) theme?: Theme;

  /** Mirrors the global `lang` attribute so a change re-renders; read through `locale`. */
  @property({ attribute: 'lang' }) protected langAttribute?: string;

  readonly #context = new ContextConsumer(this, {
    context: clientContext,
    subscribe: true,
    callback: () => this.requestUpdate(),
  });

  /** The session shared by every widget using the same client. */
  protected readonly session = new SessionController(this);

  /**
   * The SDK client: the page-wide one for this element's `api` + `commune`, else the one
   * provided by an enclosing `<pf-portal>`.
   */
  get client(): PortailClient | undefined {
    if (this.commune) return getClient(this.api, this.commune, this.locale);
    return this.#context.value;
  }

  /** `fr` or `en`, from `lang` on the element, an ancestor, or the document. */
  get locale(): Locale {
    return toLocale(langOf(this));
  }

  /** The texts of the current locale. */
  protected get t(): Translation {
    return translationFor(this.locale);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (client) client.lang = this.locale;
  }

  /**
   * Ends the session on the server and tells the page (`pf-logout`). The SDK forgets the
   * session even when the server cannot be reached; that failure is still reported
   * (`pf-error`). Answers false when the widget has no client to log out of.
   */
  protected async signOut(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    try {
      await client.logout();
    } catch (error) {
      this.emitError(error);
    }
    this.dispatchEvent(new PfLogoutEvent());
    return true;
  }

  /** Tells the page that a call failed (the widget shows its own message). */
  protected emitError(error: unknown): void {
    const typed = error instanceof Error ? error : new Error(String(error));
    this.dispatchEvent(new PfErrorEvent({ error: typed }));
  }
}
