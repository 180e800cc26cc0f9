import { Router } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { once, type StoredAnswer } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { auditRead } from '../audit/audit.js';
import { familyIdOf } from '../families/serialize.js';
import { Activity, BookingPeriod, BookingRequest, Enrolment, Facility } from './booking.models.js';
import { serializeOptions } from './booking-options.js';
import { familyCalendar, familyOfFeed, renewFeed } from './calendar-feed.js';
import { childOfParent, PeriodContext } from './period-context.js';
import { buildPlanner } from './planner.js';
import { civilDateOf } from './rules/civil-date.js';
import { bookingRequestView, toBookingRequest } from './serialize.js';
import { decide, pendingBookings } from './staff-decisions.js';
import { applyBookingRequest, type Promotion, type RequestedLine } from './submit-request.js';
import { promotionMails } from './waiting-list-mail.js';

export function bookingRoutes(ctx: AppContext): Router {
  const { db, background, mailer } = ctx;
  const router = Router({ mergeParams: true });

  router.get('/children/:childId/booking-options', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const child = await childOfParent(commune.id, authOf(req).account, param(req, 'childId'));
    const now = new Date();
    const today = civilDateOf(now);
    const enrolments = await Enrolment.findAll({ where: { commune_id: commune.id, child_id: child.id, valid_to: { [Op.gte]: today } } });
    const activities = await Activity.findAll({
      where: { commune_id: commune.id, id: enrolments.map((e) => e.activity_id) },
      order: [['position', 'ASC']],
    });
    const facilities = await Facility.findAll({
      where: { commune_id: commune.id, id: [...new Set(activities.map((a) => a.facility_id))] },
      order: [['name', 'ASC']],
    });
    const periods = await BookingPeriod.findAll({
      where: {
        commune_id: commune.id,
        facility_id: facilities.map((f) => f.id),
        end_date: { [Op.gte]: today },
        closes_at: { [Op.gt]: now },
      },
      order: [['start_date', 'ASC']],
    });
    res.json(serializeOptions({ childId: child.id, facilities, activities, periods, now }));
  });

  router.get('/children/:childId/periods/:periodId/planner', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const child = await childOfParent(commune.id, authOf(req).account, param(req, 'childId'));
    res.json(await buildPlanner(commune.id, child, param(req, 'periodId')));
  });

  router.post('/children/:childId/periods/:periodId/requests', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const periodId = param(req, 'periodId');
    const { child, context: base } = await PeriodContext.ofParentsChild(commune.id, account, param(req, 'childId'), periodId);
    const { lines } = req.body as { lines: RequestedLine[] };
    let periodCtx: PeriodContext | undefined;
    let promotions: Promotion[] = [];
    const answer = await once(
      db,
      {
        communeId: commune.id,
        accountId: account.id,
        key: req.get('Idempotency-Key'),
        request: { child: child.id, period: periodId, lines },
      },
      async (transaction, keep) => {
        // The answer is made before the request is written, so that the idempotency key and
        // its answer go in the same batch as the request (`keep`).
        const made: { answer?: StoredAnswer } = {};
        // The catalogue is read again inside the write transaction (staff may change capacity and closures meanwhile).
        const { promoted, ctx: current } = await applyBookingRequest(
          { communeId: commune.id, familyId: child.family_id, child, account, base, lines, now: new Date() },
          transaction,
          (request, written, ctx) => {
            const body = bookingRequestView(request, written, {
              periodName: ctx.period.name,
              childName: `${child.first_name} ${child.last_name}`,
              referentName: account.display_name,
              activityName: (id) => ctx.activity(id)?.name ?? '',
            });
            made.answer = { status: 201, body };
            return keep(made.answer);
          },
        );
        periodCtx = current;
        promotions = promoted;
        if (!made.answer) throw new Error('the booking request was not written');
        return made.answer;
      },
    );
    res.status(answer.status).json(answer.body);
    const promotedNow = promotions;
    const names = periodCtx;
    if (promotedNow.length > 0 && names) {
      background.run('waiting list mails', async () => {
        for (const mail of await promotionMails(commune, promotedNow, (id) => names.activity(id)?.name ?? '')) await mailer.send(mail);
      });
    }
  });

  router.get('/booking-requests', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const query = req.query as { limit?: string | number; cursor?: string };
    const limit = Number(query.limit ?? 20);
    const before = query.cursor ? Number(decodeCursor(query.cursor)) : null;
    if (before !== null && !Number.isInteger(before)) throw new HttpProblem(400, 'validation_failed', 'Unknown cursor.');
    const rows = await BookingRequest.findAll({
      where: { commune_id: commune.id, family_id: familyId, ...(before !== null ? { number: { [Op.lt]: before } } : {}) },
      order: [['number', 'DESC']],
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const periods = await BookingPeriod.findAll({ where: { id: [...new Set(page.map((r) => r.period_id))] }, attributes: ['id', 'name'] });
    const last = page[page.length - 1];
    res.json({
      items: await Promise.all(page.map((r) => toBookingRequest(r, periods.find((p) => p.id === r.period_id)?.name ?? ''))),
      nextCursor: rows.length > limit && last ? encodeCursor(last.number) : null,
    });
  });

  router.get('/booking-requests/:requestId', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const request = await BookingRequest.findOne({ where: { id: param(req, 'requestId'), commune_id: commune.id, family_id: familyId } });
    if (!request) throw new HttpProblem(404, 'not_found');
    const period = await BookingPeriod.findOne({ where: { id: request.period_id }, attributes: ['name'] });
    res.json(await toBookingRequest(request, period?.name ?? ''));
  });

  router.get('/staff/pending-bookings', requireStaff('admin', 'agent'), async (req, res) => {
    const query = req.query as { activityId?: string; limit?: string | number };
    // Children's names and families: a staff read of family data, logged.
    await auditRead(db, req, 'pending_bookings.listed');
    res.json({
      items: await pendingBookings(communeOf(req).id, {
        ...(query.activityId ? { activityId: query.activityId } : {}),
        limit: Number(query.limit ?? 200),
      }),
    });
  });

  router.post('/staff/booking-decisions', requireStaff('admin', 'agent'), async (req, res) => {
    const commune = communeOf(req);
    const actorId = authOf(req).account.id;
    const { decisions } = req.body as { decisions: { bookingId: string; decision: 'accept' | 'refuse'; comment?: string }[] };
    const results: { bookingId: string; state: string }[] = [];
    // One transaction per decision: a bulk decision never half-applies one booking.
    for (const d of decisions) {
      const state = await db.write((transaction) =>
        decide(
          { communeId: commune.id, actorId, bookingId: d.bookingId, decision: d.decision, comment: d.comment, ip: req.ip },
          transaction,
        ),
      );
      results.push({ bookingId: d.bookingId, state });
    }
    res.json({ results });
  });

  router.post('/family/calendar-feed', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const token = await db.write((transaction) => renewFeed(commune.id, familyId, transaction));
    res.status(201).json({ url: `${ctx.config.publicBaseUrl}/v1/communes/${commune.slug}/calendar-feeds/${token}` });
  });

  router.get('/calendar-feeds/:feedToken', async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyOfFeed(commune.id, param(req, 'feedToken'));
    if (!familyId) throw new HttpProblem(404, 'not_found');
    res.type('text/calendar; charset=utf-8').send(await familyCalendar(commune.id, familyId, `Portail Famille — ${commune.name}`));
  });

  return router;
}
