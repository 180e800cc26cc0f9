import type { components } from './schema.js';

export type Me = components['schemas']['Me'];
export type SessionGrant = components['schemas']['Session'];

export type SessionListener = (account: Me | null) => void;

/**
 * The session of one client: the access token lives in memory only (never in
 * localStorage nor a URL). Every widget on a page shares one client, hence one session.
 */
export class SessionStore {
  #token: string | null = null;
  #expiresAt = 0;
  #account: Me | null = null;
  #listeners = new Set<SessionListener>();

  get account(): Me | null {
    return this.#account;
  }
  get accessToken(): string | null {
    return this.#token;
  }
  /** True when the token is missing or ends within `marginMs`. */
  expiresWithin(marginMs: number, now = Date.now()): boolean {
    return this.#token === null || this.#expiresAt - now < marginMs;
  }

  set(grant: SessionGrant): void {
    const changed = this.#account?.id !== grant.account.id;
    this.#token = grant.accessToken;
    // expiresIn counts from now on this machine; expiresAt is on the server's clock, and a
    // client clock out of step would make every call refresh first (or never in time).
    this.#expiresAt = Number.isFinite(grant.expiresIn) ? Date.now() + grant.expiresIn * 1000 : Date.parse(grant.expiresAt);
    this.#account = grant.account;
    if (changed) this.#emit();
  }

  clear(): void {
    const had = this.#account !== null || this.#token !== null;
    this.#token = null;
    this.#expiresAt = 0;
    this.#account = null;
    if (had) this.#emit();
  }

  /** Calls `listener` on login and logout; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#account);
  }
}
