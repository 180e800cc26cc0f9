import type { PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Translation } from '../core/i18n/index.js';
import { problemCode, problemMessage } from '../core/problem-messages.js';

const PART = /^pf-confirm-email=(.+)$/;

/**
 * Reads and removes the token of an email-change link (`#pf-confirm-email=<token>`) from the
 * URL fragment, keeping the rest; the token must not stay in the address bar nor the history.
 */
export function takeConfirmEmailToken(): string | null {
  const hash = globalThis.location?.hash ?? '';
  if (!hash.includes('pf-confirm-email=')) return null;
  const parts = hash.slice(1).split('&');
  let token: string | null = null;
  const rest = parts.filter((part) => {
    const match = PART.exec(part);
    if (!match?.[1]) return true;
    token ??= match[1];
    return false;
  });
  const { pathname, search } = globalThis.location;
  globalThis.history.replaceState(globalThis.history.state, '', `${pathname}${search}${rest.length ? `#${rest.join('&')}` : ''}`);
  return token;
}

export interface EmailConfirmationHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/**
 * Confirms an email change when the page was opened from the link sent to the new address;
 * no session is needed. Renders the outcome as a notice.
 */
export class EmailConfirmationController implements ReactiveController {
  readonly #host: EmailConfirmationHost;
  #token: string | null = null;
  #outcome: { email: string } | { error: unknown } | null = null;

  constructor(host: EmailConfirmationHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#token ??= takeConfirmEmailToken();
    if (this.#token) this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const client = this.#host.client;
    const token = this.#token;
    if (!token || !client) return;
    this.#token = null;
    client
      .confirmEmailChange(token)
      .then((email) => {
        this.#outcome = { email };
      })
      .catch((error: unknown) => {
        this.#outcome = { error };
      })
      .finally(() => this.#host.requestUpdate());
  }

  render(t: Translation): TemplateResult | typeof nothing {
    const outcome = this.#outcome;
    if (!outcome) return nothing;
    if ('email' in outcome)
      return html`<p class="notice success" role="status" part="email-confirmation">${t.profile.emailConfirmed(outcome.email)}</p>`;
    const text = problemCode(outcome.error) === 'invalid_token' ? t.profile.emailLinkInvalid : problemMessage(outcome.error, t);
    return html`<p class="notice danger" role="alert" part="email-confirmation">${text}</p>`;
  }
}
