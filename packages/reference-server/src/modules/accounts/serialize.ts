import type { Commune } from '../communes/commune.model.js';
import { Guardian } from '../families/family.models.js';
import type { Account } from './account.models.js';

/** The `Me` of the contract: who is logged in, and for a parent, which family. */
export async function toMe(account: Account, commune: Commune) {
  const guardian = account.guardian_id
    ? await Guardian.findOne({ where: { id: account.guardian_id, commune_id: commune.id }, attributes: ['family_id'] })
    : null;
  return {
    id: account.id,
    identifier: account.identifier,
    kind: account.kind,
    roles: account.roleList,
    displayName: account.display_name,
    familyId: guardian?.family_id ?? null,
    commune: commune.slug,
  };
}

export function toAccountSummary(account: Account, lockedUntil: Date | null, activationExpiresAt: Date | null) {
  return {
    id: account.id,
    identifier: account.identifier,
    email: account.email,
    status: account.status,
    lockedUntil: lockedUntil && lockedUntil.getTime() > Date.now() ? lockedUntil.toISOString() : null,
    activationExpiresAt: account.status === 'pending_activation' && activationExpiresAt ? activationExpiresAt.toISOString() : null,
  };
}
