import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { newToken, sha256 } from '../../platform/crypto/tokens.js';
import { instanceOf, prefixedColumns, selectRows, unprefixed } from '../../platform/db/rows.js';
import { Account, Session } from './account.models.js';

/** Access tokens are short-lived; the refresh cookie keeps a page's session going. */
export const ACCESS_TTL_MS = 10 * 60_000;
/** A session not refreshed for this long ends (idle timeout). */
export const IDLE_TTL_MS = 30 * 60_000;
/** A session ends this long after login whatever happens (absolute timeout). */
export const ABSOLUTE_TTL_MS = 12 * 60 * 60_000;
/** Two tabs refreshing at once present the same cookie: the loser is not a thief. */
const ROTATION_GRACE_MS = 20_000;

export interface IssuedTokens {
  session: Session;
  accessToken: string;
  refreshToken: string;
}

export async function openSession(account: Account, transaction: Transaction): Promise<IssuedTokens> {
  const now = Date.now();
  const accessToken = newToken();
  const refreshToken = newToken();
  const session = await Session.create(
    {
      id: randomUUID(),
      commune_id: account.commune_id,
      account_id: account.id,
      access_hash: sha256(accessToken),
      access_expires_at: new Date(now + ACCESS_TTL_MS),
      refresh_hash: sha256(refreshToken),
      idle_expires_at: new Date(now + IDLE_TTL_MS),
      absolute_expires_at: new Date(now + ABSOLUTE_TTL_MS),
      created_at: new Date(now),
    },
    { transaction },
  );
  return { session, accessToken, refreshToken };
}

/** The live session of a bearer token (its id), with its account, or null. */
export async function sessionOfAccessToken(
  communeId: string,
  accessToken: string,
): Promise<{ sessionId: string; account: Account } | null> {
  // Every authenticated request starts here: session and account in one hand-written statement.
  if (!Session.sequelize) throw new Error('models are not initialised');
  const [row] = await selectRows(
    Session.sequelize,
    `SELECT s.id AS "s_id", ${prefixedColumns(Account, 'a', 'a_')} FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.access_hash = :hash AND s.commune_id = :communeId AND s.revoked_at IS NULL
       AND s.access_expires_at > :now AND s.absolute_expires_at > :now
       AND a.commune_id = :communeId AND a.status = 'active'`,
    { hash: sha256(accessToken), communeId, now: new Date() },
  );
  if (!row) return null;
  return { sessionId: String(row.s_id), account: instanceOf(Account, unprefixed(row, 'a_')) };
}

/**
 * Rotates the refresh token: answers new tokens, or null when the cookie is unknown,
 * expired or revoked. A refresh token presented again after its grace period means it
 * was copied: the whole session is revoked.
 */
export async function rotateSession(
  communeId: string,
  refreshToken: string,
  transaction: Transaction,
): Promise<{ tokens: IssuedTokens; account: Account } | null> {
  const now = Date.now();
  const hash = sha256(refreshToken);
  let session = await Session.findOne({ where: { refresh_hash: hash, commune_id: communeId }, transaction });
  if (!session) {
    const replayed = await Session.findOne({ where: { previous_refresh_hash: hash, commune_id: communeId }, transaction });
    if (!replayed) return null;
    if (!replayed.rotated_at || now - replayed.rotated_at.getTime() > ROTATION_GRACE_MS) {
      await replayed.update({ revoked_at: new Date(now) }, { transaction });
      return null;
    }
    session = replayed;
  }
  if (session.revoked_at || session.idle_expires_at.getTime() <= now || session.absolute_expires_at.getTime() <= now) return null;
  const account = await Account.findOne({ where: { id: session.account_id, commune_id: communeId, status: 'active' }, transaction });
  if (!account) return null;
  const accessToken = newToken();
  const newRefresh = newToken();
  const keepPrevious = session.refresh_hash !== hash; // a grace-period replay keeps the original "previous"
  await session.update(
    {
      access_hash: sha256(accessToken),
      access_expires_at: new Date(Math.min(now + ACCESS_TTL_MS, session.absolute_expires_at.getTime())),
      previous_refresh_hash: keepPrevious ? session.previous_refresh_hash : session.refresh_hash,
      refresh_hash: sha256(newRefresh),
      rotated_at: keepPrevious ? session.rotated_at : new Date(now),
      idle_expires_at: new Date(now + IDLE_TTL_MS),
    },
    { transaction },
  );
  return { tokens: { session, accessToken, refreshToken: newRefresh }, account };
}

export async function revokeSessionByRefresh(communeId: string, refreshToken: string, transaction: Transaction): Promise<void> {
  const hash = sha256(refreshToken);
  await Session.update(
    { revoked_at: new Date() },
    { where: { commune_id: communeId, revoked_at: null, [Op.or]: [{ refresh_hash: hash }, { previous_refresh_hash: hash }] }, transaction },
  );
}

export async function revokeSession(sessionId: string, transaction: Transaction): Promise<void> {
  await Session.update({ revoked_at: new Date() }, { where: { id: sessionId, revoked_at: null }, transaction });
}

/** Ends every session of an account (password reset, account disabled). */
export async function revokeAllSessions(accountId: string, transaction: Transaction): Promise<void> {
  await Session.update({ revoked_at: new Date() }, { where: { account_id: accountId, revoked_at: null }, transaction });
}
