import type { PortailClient } from '@portail-famille/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRestored } from './client-registry.js';

export type TokenKind = 'activate' | 'reset';

const TOKEN_PART = /^pf-(activate|reset)=(.+)$/;

function fragmentParts(): string[] {
  const hash = globalThis.location?.hash ?? '';
  if (!hash.startsWith('#pf-') && !hash.includes('&pf-')) return [];
  return hash.slice(1).split('&');
}

/** True while the address bar holds an emailed link's token (`#pf-activate=…`, `#pf-reset=…`). */
export function hasLinkToken(): boolean {
  return fragmentParts().some((part) => TOKEN_PART.test(part));
}

/**
 * Reads and removes an activation or reset token from the URL fragment
 * (`#pf-activate=<token>` or `#pf-reset=<token>`), keeping the path, the query and any
 * other part of the fragment. The token must not stay in the address bar nor the history.
 */
export function takeTokenFromUrl(): { kind: TokenKind; token: string } | null {
  const parts = fragmentParts();
  if (parts.length === 0) return null;
  let found: { kind: TokenKind; token: string } | null = null;
  const rest = parts.filter((part) => {
    const match = /^pf-(activate|reset)=(.*)$/.exec(part);
    if (!match) return true;
    if (!found && match[2]) {
      let token = match[2];
      try {
        token = decodeURIComponent(token);
      } catch {
        // keep the raw value
      }
      found = { kind: match[1] === 'activate' ? 'activate' : 'reset', token };
    }
    return false;
  });
  if (parts.length !== rest.length) {
    const { pathname, search } = globalThis.location;
    globalThis.history.replaceState(globalThis.history.state, '', `${pathname}${search}${rest.length ? `#${rest.join('&')}` : ''}`);
  }
  return found;
}

export interface LinkTokenHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/**
 * For an element that shows its `<pf-login>` only when nobody is signed in
 * (`<pf-portal>`, `<pf-staff-console>`): when the page is opened from an emailed link while a
 * session is active in this browser, ends that session so the login can take the token and
 * show its password form. The link must always work, whoever was signed in before.
 */
export class LinkTokenController implements ReactiveController {
  readonly #host: LinkTokenHost;
  readonly #onEnded: () => void;
  #ending = false;

  constructor(host: LinkTokenHost, onEnded: () => void) {
    this.#host = host;
    this.#onEnded = onEnded;
    host.addController(this);
  }

  /** True while the previous session is being closed (render a loading state). */
  get ending(): boolean {
    return this.#ending;
  }

  hostConnected(): void {
    globalThis.addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('hashchange', this.#onHashChange);
  }

  hostUpdate(): void {
    if (this.#ending || !hasLinkToken()) return;
    const client = this.#host.client;
    // Wait for the session restored after a page load: the link may arrive before it.
    if (!client || !isRestored(client) || !client.session.account) return;
    this.#ending = true;
    void client
      .logout()
      .catch(() => undefined) // the SDK forgets the session anyway
      .finally(() => {
        this.#ending = false;
        this.#onEnded();
        this.#host.requestUpdate();
      });
  }

  readonly #onHashChange = (): void => this.#host.requestUpdate();
}
