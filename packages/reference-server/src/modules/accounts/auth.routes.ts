import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { checkPasswordPolicy, type PasswordProblem } from '../../platform/crypto/passwords.js';
import { authOf, communeOf } from '../../platform/http/context.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { ipRateLimit } from '../../platform/http/rate-limit.js';
import { audit } from '../audit/audit.js';
import type { Commune } from '../communes/commune.model.js';
import { Account, LoginThrottle } from './account.models.js';
import { consumeAccountToken, issueAccountToken, peekAccountToken, type TokenPurpose } from './account-tokens.js';
import { requireSession } from './auth.middleware.js';
import { resetMail } from './emails.js';
import { normalizeIdentifier, throttleKey } from './identifiers.js';
import { afterFailure, lockSecondsLeft } from './lockout.js';
import { toMe } from './serialize.js';
import {
  ABSOLUTE_TTL_MS,
  type IssuedTokens,
  openSession,
  revokeAllSessions,
  revokeSession,
  revokeSessionByRefresh,
  rotateSession,
} from './sessions.js';

const REFRESH_COOKIE = 'pf_refresh';
const RESET_TTL_MS = 60 * 60_000;

const passwordMessages: Record<PasswordProblem, string> = {
  too_short: 'The password must have at least 12 characters.',
  too_long: 'The password must have at most 256 characters.',
  too_common: 'This password is too common; choose a longer or less predictable one.',
  contains_identifier: 'The password must not contain the identifier.',
};

export function authRoutes(ctx: AppContext): Router {
  const { db, hasher, mailer, background, config } = ctx;
  const router = Router({ mergeParams: true });
  const window = config.rateLimits.windowMinutes;
  // Per-IP limits run before any password hashing (hashing is the expensive part).
  const loginLimit = ipRateLimit(db, 'login', config.rateLimits.loginPerIp, window);
  const tokenLimit = ipRateLimit(db, 'token', config.rateLimits.tokenPerIp, window);
  const forgotLimit = ipRateLimit(db, 'forgot', config.rateLimits.forgotPerIp, window);

  const cookieOptions = (commune: Commune) => ({
    httpOnly: true,
    secure: config.cookieSecure,
    // Cross-site widgets need SameSite=None; Partitioned keeps the cookie working where
    // third-party cookies are blocked (CHIPS), scoped to the embedding site.
    sameSite: config.cookieSecure ? ('none' as const) : ('lax' as const),
    partitioned: config.cookieSecure,
    path: `/v1/communes/${commune.slug}/auth`,
  });

  async function answerSession(res: Response, commune: Commune, tokens: IssuedTokens, account: Account): Promise<void> {
    res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...cookieOptions(commune), maxAge: ABSOLUTE_TTL_MS });
    const expiresAt = tokens.session.access_expires_at;
    res.json({
      accessToken: tokens.accessToken,
      tokenType: 'Bearer',
      expiresIn: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
      expiresAt: expiresAt.toISOString(),
      account: await toMe(account, commune),
    });
  }

  function refreshCookie(req: Request): string | null {
    const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 ? value : null;
  }

  router.post('/auth/login', loginLimit, async (req, res) => {
    const commune = communeOf(req);
    const { identifier, password } = req.body as { identifier: string; password: string };
    const key = throttleKey(commune.id, identifier);
    const policy = { threshold: commune.lockout_threshold, lockMinutes: commune.lockout_minutes };
    const throttle = await LoginThrottle.findOne({ where: { commune_id: commune.id, identifier_key: key } });
    const lockedFor = lockSecondsLeft(throttle ? { failures: throttle.failures, lockedUntil: throttle.locked_until } : null, new Date());
    const account = await Account.findOne({ where: { commune_id: commune.id, identifier: normalizeIdentifier(identifier) } });
    const target = account ? { type: 'account', id: account.id } : undefined;
    if (lockedFor > 0) {
      await db.write((t) => audit({ communeId: commune.id, actorId: null, action: 'login.refused_locked', target, ip: req.ip }, t));
      throw new HttpProblem(423, 'account_locked', undefined, { retryAfter: lockedFor });
    }
    // Unknown identifier, account not yet activated, wrong password: same work, same answer.
    const ok =
      account?.status === 'active' && account.password_hash
        ? await hasher.verify(account.password_hash, password)
        : await hasher.verifyNothing(password);

    if (!ok || !account) {
      const state = await db.write(async (transaction) => {
        const now = new Date();
        await LoginThrottle.bulkCreate(
          [{ commune_id: commune.id, identifier_key: key, failures: 0, locked_until: null, updated_at: now }],
          { ignoreDuplicates: true, transaction },
        );
        const row = await LoginThrottle.findOne({
          where: { commune_id: commune.id, identifier_key: key },
          lock: transaction.LOCK.UPDATE,
          transaction,
        });
        const next = afterFailure(row ? { failures: row.failures, lockedUntil: row.locked_until } : null, now, policy);
        await LoginThrottle.update(
          { failures: next.failures, locked_until: next.lockedUntil, updated_at: now },
          { where: { commune_id: commune.id, identifier_key: key }, transaction },
        );
        await audit(
          {
            communeId: commune.id,
            actorId: null,
            action: next.lockedUntil ? 'login.failed_and_locked' : 'login.failed',
            target,
            ip: req.ip,
          },
          transaction,
        );
        return next;
      });
      if (state.lockedUntil) {
        throw new HttpProblem(423, 'account_locked', undefined, { retryAfter: lockSecondsLeft(state, new Date()) });
      }
      throw new HttpProblem(401, 'invalid_credentials');
    }

    const tokens = await db.write(async (transaction) => {
      await LoginThrottle.destroy({ where: { commune_id: commune.id, identifier_key: key }, transaction });
      await audit({ communeId: commune.id, actorId: account.id, action: 'login.succeeded', target, ip: req.ip }, transaction);
      return openSession(account, transaction);
    });
    await answerSession(res, commune, tokens, account);
  });

  router.post('/auth/refresh', async (req, res) => {
    const commune = communeOf(req);
    const token = refreshCookie(req);
    if (!token) {
      res.status(204).end();
      return;
    }
    const rotated = await db.write((t) => rotateSession(commune.id, token, t));
    if (!rotated) {
      res.clearCookie(REFRESH_COOKIE, cookieOptions(commune));
      throw new HttpProblem(401, 'unauthenticated', 'No valid session to refresh; log in again.');
    }
    await answerSession(res, commune, rotated.tokens, rotated.account);
  });

  router.post('/auth/logout', async (req, res) => {
    const commune = communeOf(req);
    const token = refreshCookie(req);
    await db.write(async (transaction) => {
      if (req.auth) await revokeSession(req.auth.sessionId, transaction);
      if (token) await revokeSessionByRefresh(commune.id, token, transaction);
    });
    res.clearCookie(REFRESH_COOKIE, cookieOptions(commune));
    res.status(204).end();
  });

  router.get('/me', requireSession, async (req, res) => {
    res.json(await toMe(authOf(req).account, communeOf(req)));
  });

  router.post('/auth/forgot', forgotLimit, (req, res) => {
    const commune = communeOf(req);
    const email = (req.body as { email: string }).email.trim().toLowerCase();
    // Answer first, work after: the answer and its timing say nothing about the address.
    res.status(202).end();
    background.run('forgotten password', async () => {
      const accounts = await Account.findAll({ where: { commune_id: commune.id, email, status: ['active', 'pending_activation'] } });
      for (const account of accounts) {
        const { token, expiresAt } = await db.write(async (transaction) => {
          await audit(
            { communeId: commune.id, actorId: null, action: 'password.reset_requested', target: { type: 'account', id: account.id } },
            transaction,
          );
          return issueAccountToken(account, 'reset', RESET_TTL_MS, transaction);
        });
        await mailer.send(resetMail(commune, { email: account.email, name: account.display_name }, account.identifier, token, expiresAt));
      }
    });
  });

  /** Activation and reset: the emailed token, a password that passes the policy, then single use. */
  async function setPasswordFromToken(req: Request, purpose: TokenPurpose): Promise<{ identifier: string }> {
    const commune = communeOf(req);
    const { token, password } = req.body as { token: string; password: string };
    const account = await peekAccountToken(commune.id, token, purpose);
    if (!account || account.status === 'disabled') throw new HttpProblem(410, 'invalid_token');
    const problem = checkPasswordPolicy(password, { identifier: account.identifier });
    if (problem) throw new HttpProblem(422, 'weak_password', passwordMessages[problem]);
    const hash = await hasher.hash(password);
    await db.write(async (transaction) => {
      const consumed = await consumeAccountToken(commune.id, token, purpose, transaction);
      if (!consumed || consumed.id !== account.id) throw new HttpProblem(410, 'invalid_token');
      await consumed.update({ password_hash: hash, status: 'active', activated_at: consumed.activated_at ?? new Date() }, { transaction });
      if (purpose === 'reset') {
        // Proving the mailbox lifts the lock: a stranger's wrong guesses cannot keep a parent out.
        await LoginThrottle.destroy({
          where: { commune_id: commune.id, identifier_key: throttleKey(commune.id, consumed.identifier) },
          transaction,
        });
        await revokeAllSessions(consumed.id, transaction);
      }
      await audit(
        {
          communeId: commune.id,
          actorId: consumed.id,
          action: purpose === 'reset' ? 'password.reset' : 'account.activated',
          target: { type: 'account', id: consumed.id },
          ip: req.ip,
        },
        transaction,
      );
    });
    return { identifier: account.identifier };
  }

  router.post('/auth/activate', tokenLimit, async (req, res) => {
    res.json(await setPasswordFromToken(req, 'activation'));
  });

  router.post('/auth/reset-password', tokenLimit, async (req, res) => {
    res.json(await setPasswordFromToken(req, 'reset'));
  });

  return router;
}
