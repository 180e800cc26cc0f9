import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit, auditRead } from '../audit/audit.js';
import { Guardian } from '../families/family.models.js';
import { accountSummaryOf } from '../families/serialize.js';
import { Account, LoginThrottle } from './account.models.js';
import { requireStaff } from './auth.middleware.js';
import { createGuardianAccount, resendActivation } from './guardian-accounts.js';
import { throttleKey } from './identifiers.js';

export function staffAccountRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });
  const staff = requireStaff('admin', 'agent');

  async function accountOf(communeId: string, accountId: string): Promise<Account> {
    const account = await Account.findOne({ where: { id: accountId, commune_id: communeId } });
    if (!account) throw new HttpProblem(404, 'not_found');
    return account;
  }

  router.post('/staff/guardians/:guardianId/account', staff, async (req, res) => {
    const commune = communeOf(req);
    const guardian = await Guardian.findOne({ where: { id: param(req, 'guardianId'), commune_id: commune.id } });
    if (!guardian) throw new HttpProblem(404, 'not_found');
    const identifier = (req.body as { identifier?: string } | undefined)?.identifier;
    const account = await createGuardianAccount(ctx, commune, guardian, { identifier, actorId: authOf(req).account.id, ip: req.ip });
    res.status(201).json(await accountSummaryOf(account));
  });

  router.get('/staff/accounts/:accountId', staff, async (req, res) => {
    const commune = communeOf(req);
    const account = await accountOf(commune.id, param(req, 'accountId'));
    // Staff reading a parent's account is family data: logged, with the family.
    const guardian = account.guardian_id ? await Guardian.findOne({ where: { id: account.guardian_id }, attributes: ['family_id'] }) : null;
    await auditRead(db, req, 'account.read', { target: { type: 'account', id: account.id }, familyId: guardian?.family_id ?? null });
    res.json(await accountSummaryOf(account));
  });

  router.post('/staff/accounts/:accountId/activation-email', staff, async (req, res) => {
    const commune = communeOf(req);
    const account = await accountOf(commune.id, param(req, 'accountId'));
    await resendActivation(ctx, commune, account, authOf(req).account.id, req.ip);
    res.status(202).json(await accountSummaryOf(account));
  });

  router.post('/staff/accounts/:accountId/unlock', staff, async (req, res) => {
    const commune = communeOf(req);
    const account = await accountOf(commune.id, param(req, 'accountId'));
    await db.write(async (transaction) => {
      await LoginThrottle.destroy({
        where: { commune_id: commune.id, identifier_key: throttleKey(commune.id, account.identifier) },
        transaction,
      });
      await audit(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          action: 'account.unlocked',
          target: { type: 'account', id: account.id },
          ip: req.ip,
        },
        transaction,
      );
    });
    res.json(await accountSummaryOf(account));
  });

  return router;
}
