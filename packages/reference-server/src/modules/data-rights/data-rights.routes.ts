import { Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { AuditEntry, audit, auditRead } from '../audit/audit.js';
import { Commune } from '../communes/commune.model.js';
import { familyIdOf } from '../families/serialize.js';
import { exportFamily } from './family-data.js';
import { runRetention } from './retention.js';

/** The family's right of access, the staff access log, and the retention of inactive families' data. */
export function dataRightsRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });
  const admin = requireStaff('admin');

  router.get('/family/data-export', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const familyId = await familyIdOf(commune.id, account);
    const tables = await exportFamily(db.sequelize, familyId);
    await db.write((t) =>
      audit(
        {
          communeId: commune.id,
          actorId: account.id,
          action: 'family.data_exported',
          target: { type: 'family', id: familyId },
          ip: req.ip,
        },
        t,
      ),
    );
    const day = new Date().toISOString().slice(0, 10);
    res.attachment(`donnees-famille-${commune.slug}-${day}.json`);
    res.json({
      format: 'portail-famille/family-data/1',
      exportedAt: new Date().toISOString(),
      commune: { slug: commune.slug, name: commune.name },
      tables,
    });
  });

  router.get('/staff/audit-log', admin, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as {
      from?: string;
      to?: string;
      familyId?: string;
      actorId?: string;
      limit?: string | number;
      cursor?: string;
    };
    const limit = Number(query.limit ?? 20);
    const conditions: WhereOptions[] = [{ commune_id: commune.id }];
    if (query.from) conditions.push({ at: { [Op.gte]: new Date(query.from) } });
    if (query.to) conditions.push({ at: { [Op.lt]: new Date(query.to) } });
    if (query.familyId) conditions.push({ family_id: query.familyId });
    if (query.actorId) conditions.push({ actor_account_id: query.actorId });
    if (query.cursor) {
      // Newest first: the page after (at, id) holds what is older, or as old with a smaller id.
      const [at, id] = decodeCursor(query.cursor).split('|');
      const after = new Date(at ?? '');
      if (!id || Number.isNaN(after.getTime())) throw new HttpProblem(400, 'validation_failed', 'Unknown cursor.');
      conditions.push({ [Op.or]: [{ at: { [Op.lt]: after } }, { at: after, id: { [Op.lt]: id } }] });
    }
    const rows = await AuditEntry.findAll({
      where: { [Op.and]: conditions },
      order: [
        ['at', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    await auditRead(db, req, 'audit_log.read');
    const last = page[page.length - 1];
    res.json({
      items: page.map((e) => ({
        id: e.id,
        at: new Date(e.at).toISOString(),
        actorId: e.actor_account_id,
        action: e.action,
        targetType: e.target_type,
        targetId: e.target_id,
        familyId: e.family_id,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(`${new Date(last.at).toISOString()}|${last.id}`) : null,
    });
  });

  const settings = (commune: Commune) => ({
    months: commune.retention_months,
    lastRunAt: commune.retention_run_at ? new Date(commune.retention_run_at).toISOString() : null,
  });

  router.get('/staff/retention', admin, async (req, res) => {
    const commune = await Commune.findByPk(communeOf(req).id);
    if (!commune) throw new HttpProblem(404, 'not_found');
    res.json(settings(commune));
  });

  router.put('/staff/retention', admin, async (req, res) => {
    const { months } = req.body as { months: number };
    const commune = await db.write(async (transaction) => {
      const row = await Commune.findByPk(communeOf(req).id, { transaction });
      if (!row) throw new HttpProblem(404, 'not_found');
      row.retention_months = months;
      await row.save({ transaction });
      await audit({ communeId: row.id, actorId: authOf(req).account.id, action: 'retention.settings_changed', ip: req.ip }, transaction);
      return row;
    });
    res.json(settings(commune));
  });

  router.post('/staff/retention/runs', admin, async (req, res) => {
    const { dryRun } = req.body as { dryRun: boolean };
    res.json(await runRetention(ctx, { communeId: communeOf(req).id, actorId: authOf(req).account.id, dryRun, ip: req.ip }));
  });

  return router;
}
