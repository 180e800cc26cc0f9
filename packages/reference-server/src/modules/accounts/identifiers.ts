import { sha256 } from '../../platform/crypto/tokens.js';

/** Identifiers compare without case or surrounding spaces. */
export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase().normalize('NFKC');
}

/** The key of the failed-login counter: a hash, since people type passwords there by mistake. */
export function throttleKey(communeId: string, identifier: string): string {
  return sha256(`${communeId}\u0000${normalizeIdentifier(identifier)}`);
}

/** "Hélène Le Goff-Durand" → "helene.le-goff-durand" (before any numeric suffix). */
export function identifierFromName(firstName: string, lastName: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const base = `${fold(firstName)}.${fold(lastName)}`.replace(/^\.+|\.+$/g, '');
  return (base.length >= 3 ? base : `parent-${base}`).slice(0, 44);
}
