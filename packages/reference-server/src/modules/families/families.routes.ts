import { Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { audit, auditRead } from '../audit/audit.js';
import { Child, Family, Guardian } from './family.models.js';
import { type CreateFamilyBody, insertFamily } from './family-service.js';
import { familyIdOf, loadFamily, toFamily } from './serialize.js';

export function familyRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });
  const like = db.dialect === 'postgres' ? Op.iLike : Op.like;

  router.get('/family', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const family = await loadFamily(commune.id, await familyIdOf(commune.id, account));
    if (!family) throw new HttpProblem(404, 'not_found');
    res.json(await toFamily(family, 'parent'));
  });

  router.get('/staff/families', requireStaff('admin', 'agent', 'billing'), async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { q?: string; limit?: string | number; cursor?: string };
    const limit = Number(query.limit ?? 20);
    const conditions: WhereOptions[] = [{ commune_id: commune.id }];
    if (query.cursor) conditions.push({ number: { [Op.gt]: decodeCursor(query.cursor) } });
    const q = query.q?.trim();
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const nameMatch = { commune_id: commune.id, [Op.or]: [{ first_name: { [like]: pattern } }, { last_name: { [like]: pattern } }] };
      const [guardians, children] = await Promise.all([
        Guardian.findAll({ where: nameMatch, attributes: ['family_id'] }),
        Child.findAll({ where: nameMatch, attributes: ['family_id'] }),
      ]);
      const ids = [...new Set([...guardians, ...children].map((p) => p.family_id))];
      conditions.push({ [Op.or]: [{ number: { [like]: pattern } }, { id: ids }] });
    }
    const families = await Family.findAll({
      where: { [Op.and]: conditions },
      order: [['number', 'ASC']],
      limit: limit + 1,
      include: [
        { model: Guardian, as: 'guardians', attributes: ['id', 'first_name', 'last_name', 'position'] },
        { model: Child, as: 'children', attributes: ['id'] },
      ],
    });
    const page = families.slice(0, limit);
    await auditRead(db, req, query.q ? 'family.searched' : 'family.listed');
    const last = page[page.length - 1];
    res.json({
      items: page.map((f) => ({
        id: f.id,
        number: f.number,
        guardians: [...(f.guardians ?? [])]
          .sort((a, b) => a.position - b.position)
          .map((g) => ({ id: g.id, firstName: g.first_name, lastName: g.last_name })),
        childCount: f.children?.length ?? 0,
      })),
      nextCursor: families.length > limit && last ? encodeCursor(last.number) : null,
    });
  });

  router.get('/staff/families/:familyId', requireStaff('admin', 'agent', 'billing'), async (req, res) => {
    const commune = communeOf(req);
    const family = await loadFamily(commune.id, param(req, 'familyId'));
    if (!family) throw new HttpProblem(404, 'not_found');
    await auditRead(db, req, 'family.read', { target: { type: 'family', id: family.id } });
    res.json(await toFamily(family, 'staff'));
  });

  router.post('/staff/families', requireStaff('admin', 'agent'), async (req, res) => {
    const commune = communeOf(req);
    const actor = authOf(req).account;
    const body = req.body as CreateFamilyBody;
    const answer = await once(
      db,
      { communeId: commune.id, accountId: actor.id, key: req.get('Idempotency-Key'), request: body },
      async (transaction) => {
        const family = await insertFamily(commune.id, body, transaction);
        await audit(
          { communeId: commune.id, actorId: actor.id, action: 'family.created', target: { type: 'family', id: family.id }, ip: req.ip },
          transaction,
        );
        const created = await Family.findOne({
          where: { id: family.id },
          include: [
            { model: Guardian, as: 'guardians' },
            { model: Child, as: 'children' },
          ],
          transaction,
        });
        if (!created) throw new Error('family vanished inside its own transaction');
        return { status: 201, body: await toFamily(created, 'staff') };
      },
    );
    res.status(answer.status).json(answer.body);
  });

  return router;
}
