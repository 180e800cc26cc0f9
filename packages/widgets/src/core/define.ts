import { VERSION } from './version.js';

type VersionedConstructor = CustomElementConstructor & { version?: string };

/**
 * Defines a custom element unless its tag is already taken. A page may load the bundle
 * twice (two CMS blocks, two versions): the first definition wins, later ones only warn.
 */
export function defineElement(tag: string, elementClass: VersionedConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag) as VersionedConstructor | undefined;
  if (existing === undefined) {
    registry.define(tag, elementClass);
    return;
  }
  if (existing === elementClass) return;
  const theirs = existing.version ?? 'unknown';
  const note = theirs === VERSION ? 'the same version' : `version ${theirs}`;
  console.warn(`[portail-famille] <${tag}> is already defined (${note}); this copy (version ${VERSION}) is not registered.`);
}
