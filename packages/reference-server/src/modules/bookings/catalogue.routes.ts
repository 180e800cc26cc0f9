import { randomUUID } from 'node:crypto';
import { type Request, Router } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireStaff } from '../accounts/auth.middleware.js';
import { audit } from '../audit/audit.js';
import { Activity, BookingPeriod, Closure, Enrolment, Facility } from './booking.models.js';
import {
  type ActivityBody,
  activitiesOf,
  type ClosureBody,
  changeActivity,
  changePeriod,
  childOfCommune,
  endEnrolment,
  enrolmentOf,
  facilityOf,
  insertActivity,
  insertClosure,
  insertEnrolment,
  insertPeriod,
  type PeriodBody,
  removePeriod,
  toClosure,
  toEnrolment,
  toStaffActivity,
  toStaffFacility,
} from './catalogue.js';
import { closureMails } from './closure-mail.js';
import { toPeriod } from './serialize.js';
import { promotionMails } from './waiting-list-mail.js';

/**
 * The staff back office of the catalogue: facilities, activities and periods (admin);
 * closures and enrolments (admin, agent). Every write is audited, without personal data.
 */
export function catalogueRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });
  const admin = requireStaff('admin');
  const desk = requireStaff('admin', 'agent');

  /** Who acts, in which commune, from where: what every audit entry and idempotency scope needs. */
  const actorOf = (req: Request) => ({ commune: communeOf(req), actorId: authOf(req).account.id, ip: req.ip });
  const idempotent = (req: Request, request: unknown) => ({
    communeId: communeOf(req).id,
    accountId: authOf(req).account.id,
    key: req.get('Idempotency-Key'),
    request: { path: req.path, body: request },
  });

  // --- facilities and activities (admin) ------------------------------------------------

  router.get('/staff/facilities', admin, async (req, res) => {
    const commune = communeOf(req);
    const facilities = await Facility.findAll({ where: { commune_id: commune.id }, order: [['name', 'ASC']] });
    const activities = await activitiesOf(
      commune.id,
      facilities.map((f) => f.id),
    );
    res.json({ items: facilities.map((f) => toStaffFacility(f, activities)) });
  });

  router.post('/staff/facilities', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const { name } = req.body as { name: string };
    const answer = await once(db, idempotent(req, req.body), async (transaction) => {
      const facility = await Facility.create({ id: randomUUID(), commune_id: commune.id, name: name.trim() }, { transaction });
      await audit(
        { communeId: commune.id, actorId, action: 'facility.created', target: { type: 'facility', id: facility.id }, ip },
        transaction,
      );
      return { status: 201, body: toStaffFacility(facility, []) };
    });
    res.status(answer.status).json(answer.body);
  });

  router.patch('/staff/facilities/:facilityId', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const { name } = req.body as { name: string };
    const body = await db.write(async (transaction) => {
      const facility = await facilityOf(commune.id, param(req, 'facilityId'), transaction);
      await facility.update({ name: name.trim() }, { transaction });
      await audit(
        { communeId: commune.id, actorId, action: 'facility.renamed', target: { type: 'facility', id: facility.id }, ip },
        transaction,
      );
      return toStaffFacility(facility, await activitiesOf(commune.id, [facility.id], transaction));
    });
    res.json(body);
  });

  router.post('/staff/facilities/:facilityId/activities', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const body = req.body as ActivityBody;
    const answer = await once(db, idempotent(req, body), async (transaction) => {
      const facility = await facilityOf(commune.id, param(req, 'facilityId'), transaction);
      const activity = await insertActivity(facility, body, transaction);
      await audit(
        { communeId: commune.id, actorId, action: 'activity.created', target: { type: 'activity', id: activity.id }, ip },
        transaction,
      );
      return { status: 201, body: toStaffActivity(activity) };
    });
    res.status(answer.status).json(answer.body);
  });

  router.patch('/staff/activities/:activityId', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const patch = req.body as Partial<ActivityBody>;
    const { activity, promoted } = await db.write(async (transaction) => {
      const changed = await changeActivity(commune.id, param(req, 'activityId'), patch, transaction);
      await audit(
        { communeId: commune.id, actorId, action: 'activity.updated', target: { type: 'activity', id: changed.activity.id }, ip },
        transaction,
      );
      return changed;
    });
    res.json(toStaffActivity(activity));
    if (promoted.length > 0) {
      // Families whose child left a waiting list because staff added places are told, as when a parent cancels.
      ctx.background.run('waiting list mails', async () => {
        for (const mail of await promotionMails(commune, promoted, () => activity.name)) await ctx.mailer.send(mail);
      });
    }
  });

  // --- booking periods (admin) ----------------------------------------------------------

  router.get('/staff/booking-periods', admin, async (req, res) => {
    const commune = communeOf(req);
    const { facilityId } = req.query as { facilityId?: string };
    const periods = await BookingPeriod.findAll({
      where: { commune_id: commune.id, ...(facilityId ? { facility_id: facilityId } : {}) },
      order: [
        ['start_date', 'ASC'],
        ['name', 'ASC'],
      ],
    });
    const now = new Date();
    res.json({ items: periods.map((p) => toPeriod(p, now)) });
  });

  router.post('/staff/booking-periods', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const body = req.body as PeriodBody;
    const answer = await once(db, idempotent(req, body), async (transaction) => {
      const period = await insertPeriod(commune.id, body, transaction);
      await audit({ communeId: commune.id, actorId, action: 'period.created', target: { type: 'period', id: period.id }, ip }, transaction);
      return { status: 201, body: toPeriod(period, new Date()) };
    });
    res.status(answer.status).json(answer.body);
  });

  router.patch('/staff/booking-periods/:periodId', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const patch = req.body as Partial<PeriodBody>;
    const body = await db.write(async (transaction) => {
      const period = await changePeriod(commune.id, param(req, 'periodId'), patch, transaction);
      await audit({ communeId: commune.id, actorId, action: 'period.updated', target: { type: 'period', id: period.id }, ip }, transaction);
      return toPeriod(period, new Date());
    });
    res.json(body);
  });

  router.delete('/staff/booking-periods/:periodId', admin, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const periodId = param(req, 'periodId');
    await db.write(async (transaction) => {
      await removePeriod(commune.id, periodId, transaction);
      await audit({ communeId: commune.id, actorId, action: 'period.deleted', target: { type: 'period', id: periodId }, ip }, transaction);
    });
    res.status(204).end();
  });

  // --- closures (admin, agent) ----------------------------------------------------------

  router.get('/staff/closures', desk, async (req, res) => {
    const commune = communeOf(req);
    const { from } = req.query as { from?: string };
    const closures = await Closure.findAll({
      where: { commune_id: commune.id, ...(from ? { end_date: { [Op.gte]: from } } : {}) },
      order: [
        ['start_date', 'ASC'],
        ['label', 'ASC'],
      ],
    });
    res.json({ items: closures.map(toClosure) });
  });

  router.post('/staff/closures', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const body = req.body as ClosureBody;
    const fresh: { done?: Awaited<ReturnType<typeof insertClosure>> } = {};
    const answer = await once(db, idempotent(req, body), async (transaction) => {
      const done = await insertClosure(commune.id, body, transaction);
      await audit(
        { communeId: commune.id, actorId, action: 'closure.created', target: { type: 'closure', id: done.closure.id }, ip },
        transaction,
      );
      for (const c of done.cancelled)
        await audit(
          { communeId: commune.id, actorId, action: 'booking.cancelled_by_closure', target: { type: 'booking', id: c.bookingId }, ip },
          transaction,
        );
      fresh.done = done;
      return { status: 201, body: { closure: toClosure(done.closure), cancelledBookings: done.cancelled.length } };
    });
    // Only the first answer mails (a replay of the same Idempotency-Key sends nothing again),
    // and only once the cancellations are committed.
    if (fresh.done && fresh.done.cancelled.length > 0) {
      const { closure, facility, cancelled } = fresh.done;
      ctx.background.run('closure mails', async () => {
        const mails = await closureMails(
          commune,
          { label: closure.label, start: closure.start_date, end: closure.end_date, facilityName: facility?.name ?? null },
          cancelled,
        );
        for (const mail of mails) await ctx.mailer.send(mail);
      });
    }
    res.status(answer.status).json(answer.body);
  });

  router.delete('/staff/closures/:closureId', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    await db.write(async (transaction) => {
      const closure = await Closure.findOne({ where: { id: param(req, 'closureId'), commune_id: commune.id }, transaction });
      if (!closure) throw new HttpProblem(404, 'not_found');
      await closure.destroy({ transaction });
      await audit(
        { communeId: commune.id, actorId, action: 'closure.deleted', target: { type: 'closure', id: closure.id }, ip },
        transaction,
      );
    });
    res.status(204).end();
  });

  // --- enrolments (admin, agent) --------------------------------------------------------

  router.get('/staff/children/:childId/enrolments', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const child = await childOfCommune(commune.id, param(req, 'childId'));
    const enrolments = await Enrolment.findAll({
      where: { commune_id: commune.id, child_id: child.id },
      order: [
        ['valid_from', 'DESC'],
        ['activity_id', 'ASC'],
      ],
    });
    const activities = await Activity.findAll({
      where: { commune_id: commune.id, id: [...new Set(enrolments.map((e) => e.activity_id))] },
      attributes: ['id', 'name', 'facility_id'],
    });
    await db.write((t) =>
      audit({ communeId: commune.id, actorId, action: 'enrolment.listed', target: { type: 'child', id: child.id }, ip }, t),
    );
    res.json({
      items: enrolments.map((e) =>
        toEnrolment(
          e,
          activities.find((a) => a.id === e.activity_id),
        ),
      ),
    });
  });

  router.post('/staff/children/:childId/enrolments', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const body = req.body as { activityId: string; validFrom: string; validTo: string };
    const answer = await once(db, idempotent(req, body), async (transaction) => {
      const child = await childOfCommune(commune.id, param(req, 'childId'), transaction);
      const { enrolment, activity } = await insertEnrolment(commune.id, child.id, body, transaction);
      await audit(
        { communeId: commune.id, actorId, action: 'enrolment.created', target: { type: 'enrolment', id: enrolment.id }, ip },
        transaction,
      );
      return { status: 201, body: toEnrolment(enrolment, activity) };
    });
    res.status(answer.status).json(answer.body);
  });

  router.patch('/staff/enrolments/:enrolmentId', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    const { validTo } = req.body as { validTo: string };
    const body = await db.write(async (transaction) => {
      const enrolment = await endEnrolment(commune.id, param(req, 'enrolmentId'), validTo, transaction);
      await audit(
        { communeId: commune.id, actorId, action: 'enrolment.ended', target: { type: 'enrolment', id: enrolment.id }, ip },
        transaction,
      );
      const activity = await Activity.findOne({ where: { id: enrolment.activity_id, commune_id: commune.id }, transaction });
      return toEnrolment(enrolment, activity ?? undefined);
    });
    res.json(body);
  });

  router.delete('/staff/enrolments/:enrolmentId', desk, async (req, res) => {
    const { commune, actorId, ip } = actorOf(req);
    await db.write(async (transaction) => {
      const enrolment = await enrolmentOf(commune.id, param(req, 'enrolmentId'), transaction);
      await enrolment.destroy({ transaction });
      await audit(
        { communeId: commune.id, actorId, action: 'enrolment.deleted', target: { type: 'enrolment', id: enrolment.id }, ip },
        transaction,
      );
    });
    res.status(204).end();
  });

  return router;
}
