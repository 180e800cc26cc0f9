import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import type { Commune } from '../communes/commune.model.js';
import type { Guardian } from '../families/family.models.js';
import { Account } from './account.models.js';
import { issueAccountToken } from './account-tokens.js';
import { activationMail } from './emails.js';
import { identifierFromName, normalizeIdentifier } from './identifiers.js';

/** "sophie.martin", else "sophie.martin2", "sophie.martin3"… */
async function freeIdentifier(communeId: string, base: string, transaction: Transaction): Promise<string> {
  const taken = new Set(
    (
      await Account.findAll({
        where: { commune_id: communeId, identifier: { [Op.like]: `${base}%` } },
        attributes: ['identifier'],
        transaction,
      })
    ).map((a) => a.identifier),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

const activationLifetime = (commune: Commune) => commune.activation_days * 24 * 60 * 60_000;

/**
 * Creates a guardian's account, pending activation, and emails the activation link.
 * Nobody sets or sees the password: the parent chooses it from the link.
 */
export async function createGuardianAccount(
  ctx: AppContext,
  commune: Commune,
  guardian: Guardian,
  options: { identifier?: string | undefined; actorId: string | null; ip?: string | undefined },
): Promise<Account> {
  const { account, token, expiresAt } = await ctx.db.write(async (transaction) => {
    if (await Account.findOne({ where: { guardian_id: guardian.id }, transaction })) throw new HttpProblem(409, 'account_exists');
    let identifier: string;
    if (options.identifier) {
      identifier = normalizeIdentifier(options.identifier);
      if (await Account.findOne({ where: { commune_id: commune.id, identifier }, transaction }))
        throw new HttpProblem(409, 'identifier_taken');
    } else {
      identifier = await freeIdentifier(commune.id, identifierFromName(guardian.first_name, guardian.last_name), transaction);
    }
    const account = await Account.create(
      {
        id: randomUUID(),
        commune_id: commune.id,
        identifier,
        email: guardian.email,
        kind: 'guardian',
        roles: '',
        guardian_id: guardian.id,
        display_name: `${guardian.first_name} ${guardian.last_name}`,
        password_hash: null,
        status: 'pending_activation',
      },
      { transaction },
    );
    await audit(
      {
        communeId: commune.id,
        actorId: options.actorId,
        action: 'account.created',
        target: { type: 'account', id: account.id },
        ip: options.ip,
      },
      transaction,
    );
    return { account, ...(await issueAccountToken(account, 'activation', activationLifetime(commune), transaction)) };
  });
  await ctx.mailer.send(
    activationMail(commune, { email: account.email, name: account.display_name }, account.identifier, token, expiresAt),
  );
  return account;
}

/** A new activation link; earlier ones stop working. */
export async function resendActivation(
  ctx: AppContext,
  commune: Commune,
  account: Account,
  actorId: string | null,
  ip?: string,
): Promise<void> {
  if (account.status !== 'pending_activation') throw new HttpProblem(409, 'account_already_active');
  const { token, expiresAt } = await ctx.db.write(async (transaction) => {
    await audit(
      { communeId: commune.id, actorId, action: 'account.activation_resent', target: { type: 'account', id: account.id }, ip },
      transaction,
    );
    return issueAccountToken(account, 'activation', activationLifetime(commune), transaction);
  });
  await ctx.mailer.send(
    activationMail(commune, { email: account.email, name: account.display_name }, account.identifier, token, expiresAt),
  );
}
