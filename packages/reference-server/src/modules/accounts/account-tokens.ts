import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { newToken, sha256 } from '../../platform/crypto/tokens.js';
import { Account, AccountToken } from './account.models.js';

export type TokenPurpose = 'activation' | 'reset';

/**
 * Issues a single-use token for an emailed link. Earlier unused tokens of the same
 * purpose stop working, so only the latest email's link is valid.
 */
export async function issueAccountToken(
  account: Account,
  purpose: TokenPurpose,
  lifetimeMs: number,
  transaction: Transaction,
): Promise<{ token: string; expiresAt: Date }> {
  const now = new Date();
  await AccountToken.update({ used_at: now }, { where: { account_id: account.id, purpose, used_at: null }, transaction });
  const token = newToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await AccountToken.create(
    {
      id: randomUUID(),
      commune_id: account.commune_id,
      account_id: account.id,
      purpose,
      token_hash: sha256(token),
      expires_at: expiresAt,
      created_at: now,
    },
    { transaction },
  );
  return { token, expiresAt };
}

/**
 * Marks the token used and answers its account, or null when the token is unknown, of
 * another commune or purpose, expired or already used. The conditional UPDATE makes
 * "single use" hold even for two concurrent submissions.
 */
export async function consumeAccountToken(
  communeId: string,
  token: string,
  purpose: TokenPurpose,
  transaction: Transaction,
): Promise<Account | null> {
  const now = new Date();
  const row = await AccountToken.findOne({ where: { token_hash: sha256(token), commune_id: communeId, purpose }, transaction });
  if (!row) return null;
  const [changed] = await AccountToken.update(
    { used_at: now },
    { where: { id: row.id, used_at: null, expires_at: { [Op.gt]: now } }, transaction },
  );
  if (changed !== 1) return null;
  return Account.findOne({ where: { id: row.account_id, commune_id: communeId }, transaction });
}

/** The account of a still-valid token, without using it up (to check a password first). */
export async function peekAccountToken(communeId: string, token: string, purpose: TokenPurpose): Promise<Account | null> {
  const row = await AccountToken.findOne({
    where: { token_hash: sha256(token), commune_id: communeId, purpose, used_at: null, expires_at: { [Op.gt]: new Date() } },
  });
  return row ? Account.findOne({ where: { id: row.account_id, commune_id: communeId } }) : null;
}

export async function activationExpiry(accountId: string): Promise<Date | null> {
  const row = await AccountToken.findOne({
    where: { account_id: accountId, purpose: 'activation', used_at: null },
    order: [['created_at', 'DESC']],
  });
  return row?.expires_at ?? null;
}
