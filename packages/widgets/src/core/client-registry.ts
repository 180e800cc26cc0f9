import { type CommunePublic, PortailClient } from '@portail-famille/sdk';

/**
 * One SDK client per (API base URL, commune) on the page, so every widget pointing at the
 * same portal shares one client — hence one session, one refresh, one login.
 */
const clients = new Map<string, PortailClient>();
const restores = new WeakMap<PortailClient, Promise<void>>();
const restored = new WeakSet<PortailClient>();
const communes = new WeakMap<PortailClient, Promise<CommunePublic>>();

/** Resolves `api` against the page (a relative or empty value means the page's origin). */
export function normaliseApiUrl(api: string | null | undefined): string {
  const base = globalThis.location?.href ?? 'http://localhost/';
  const url = new URL(api && api.trim() !== '' ? api.trim() : '/', base);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The shared client of this (api, commune) pair, created on first use. */
export function getClient(api: string | null | undefined, commune: string, lang = 'fr'): PortailClient {
  const baseUrl = normaliseApiUrl(api);
  const key = `${baseUrl}|${commune}`;
  let client = clients.get(key);
  if (!client) {
    client = new PortailClient({ baseUrl, commune, lang });
    clients.set(key, client);
  }
  return client;
}

/**
 * Brings back the session from the HttpOnly refresh cookie, once per client and page load.
 * A failure (no cookie, server down) simply leaves the visitor logged out.
 */
export function restoreOnce(client: PortailClient): Promise<void> {
  let pending = restores.get(client);
  if (!pending) {
    pending = client
      .restore()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        restored.add(client);
      });
    restores.set(client, pending);
  }
  return pending;
}

/** True once the first restore of this client has settled. */
export function isRestored(client: PortailClient): boolean {
  return restored.has(client);
}

/** The commune's public information, fetched once per client (a failure is retried next time). */
export function getCommuneInfo(client: PortailClient): Promise<CommunePublic> {
  let info = communes.get(client);
  if (!info) {
    info = client.getCommune();
    communes.set(client, info);
    info.catch(() => {
      if (communes.get(client) === info) communes.delete(client);
    });
  }
  return info;
}
