import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { Account, type Role } from '../accounts/account.models.js';
import { normalizeIdentifier } from '../accounts/identifiers.js';
import { Commune } from './commune.model.js';

export interface CommuneInput {
  slug: string;
  name: string;
  portalUrl: string;
  allowedOrigins?: string[];
  logoUrl?: string | null;
  contact?: { serviceName?: string; email?: string | null; phone?: string | null };
  lockoutThreshold?: number;
}

/** Adds a commune (tenant). There is no API for it: a hosting operator does it (CLI, seed). */
export async function createCommune(ctx: AppContext, input: CommuneInput): Promise<Commune> {
  return ctx.db.write((transaction) =>
    Commune.create(
      {
        id: randomUUID(),
        slug: input.slug,
        name: input.name,
        logo_url: input.logoUrl ?? null,
        contact_service_name: input.contact?.serviceName ?? 'Service Enfance Jeunesse',
        contact_email: input.contact?.email ?? null,
        contact_phone: input.contact?.phone ?? null,
        allowed_origins: JSON.stringify(input.allowedOrigins ?? []),
        portal_url: input.portalUrl,
        lockout_threshold: input.lockoutThreshold ?? 5,
        lockout_minutes: 15,
        activation_days: 7,
      },
      { transaction },
    ),
  );
}

/**
 * The first staff account of a commune, with a password set by the operator who runs
 * this (seed or CLI). Staff then manage parents' accounts through the API.
 */
export async function createStaffAccount(
  ctx: AppContext,
  commune: Commune,
  input: { identifier: string; email: string; displayName: string; roles: Role[]; password: string },
): Promise<Account> {
  const hash = await ctx.hasher.hash(input.password);
  return ctx.db.write((transaction) =>
    Account.create(
      {
        id: randomUUID(),
        commune_id: commune.id,
        identifier: normalizeIdentifier(input.identifier),
        email: input.email.toLowerCase(),
        kind: 'staff',
        roles: input.roles.join(','),
        guardian_id: null,
        display_name: input.displayName,
        password_hash: hash,
        status: 'active',
        activated_at: new Date(),
      },
      { transaction },
    ),
  );
}
