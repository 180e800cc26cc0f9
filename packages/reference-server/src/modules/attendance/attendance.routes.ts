import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { declaredFileName, fileBody, inspectUpload, sendStoredFile } from '../../platform/files/files.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { requireGuardian, requireSession, requireStaff } from '../accounts/auth.middleware.js';
import { audit, auditRead } from '../audit/audit.js';
import { childOfParent } from '../bookings/period-context.js';
import { attachDocument, declareAbsence, markAbsence, reachableAbsence } from './absences.js';
import { Absence, type AbsenceStatus, type AttendanceStatus } from './attendance.models.js';
import { attendanceActivities, attendanceRegister, recordAttendance } from './register.js';
import { toAbsence, toAbsences } from './serialize.js';

/** « L'appel » (staff), absences (staff and families) and absences' supporting documents. */
export function attendanceRoutes(ctx: AppContext): Router {
  const { db, config } = ctx;
  const router = Router({ mergeParams: true });
  const staff = requireStaff('admin', 'agent');

  router.get('/staff/attendance/activities', staff, async (req, res) => {
    res.json({ items: await attendanceActivities(communeOf(req).id, (req.query as { date: string }).date) });
  });

  router.get('/staff/attendance', staff, async (req, res) => {
    const query = req.query as { activityId: string; date: string };
    const register = await attendanceRegister(communeOf(req).id, query.activityId, query.date);
    await auditRead(db, req, 'attendance.register_read', { target: { type: 'activity', id: query.activityId } });
    res.json(register);
  });

  router.put('/staff/attendance', staff, async (req, res) => {
    const commune = communeOf(req);
    const body = req.body as { activityId: string; date: string; records: { childId: string; status: AttendanceStatus }[] };
    await db.write((transaction) =>
      recordAttendance({ communeId: commune.id, actorId: authOf(req).account.id, ...body, ip: req.ip }, transaction),
    );
    res.json(await attendanceRegister(commune.id, body.activityId, body.date));
  });

  router.get('/staff/absences', staff, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { status?: AbsenceStatus; activityId?: string; limit?: string | number };
    const rows = await Absence.findAll({
      where: { commune_id: commune.id, status: query.status ?? 'declared', ...(query.activityId ? { activity_id: query.activityId } : {}) },
      order: [
        ['date', 'ASC'],
        ['created_at', 'ASC'],
      ],
      limit: Number(query.limit ?? 200),
    });
    await auditRead(db, req, 'absences.listed');
    res.json({ items: await toAbsences(commune.id, rows) });
  });

  router.post('/staff/absences', staff, async (req, res) => {
    const commune = communeOf(req);
    const body = req.body as { childId: string; activityId: string; date: string; excused: boolean; comment?: string };
    const view = await db.write(async (transaction) => {
      const absence = await markAbsence({ communeId: commune.id, actorId: authOf(req).account.id, ...body, ip: req.ip }, transaction);
      return toAbsence(commune.id, absence, transaction);
    });
    res.json(view);
  });

  router.get('/children/:childId/absences', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const child = await childOfParent(commune.id, authOf(req).account, param(req, 'childId'));
    const rows = await Absence.findAll({ where: { commune_id: commune.id, child_id: child.id }, order: [['date', 'DESC']], limit: 500 });
    res.json({ items: await toAbsences(commune.id, rows) });
  });

  router.post('/children/:childId/absences', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const child = await childOfParent(commune.id, account, param(req, 'childId'));
    const body = req.body as { activityId: string; date: string; comment?: string };
    const answer = await db.write(async (transaction) => {
      const { absence, created } = await declareAbsence(
        { communeId: commune.id, account, childId: child.id, ...body, ip: req.ip },
        transaction,
      );
      return { status: created ? 201 : 200, body: await toAbsence(commune.id, absence, transaction) };
    });
    res.status(answer.status).json(answer.body);
  });

  router.put(
    '/absences/:absenceId/document',
    requireSession,
    // Who may send it is checked before its bytes are read.
    async (req, _res, next) => {
      await reachableAbsence(communeOf(req).id, authOf(req).account, param(req, 'absenceId'));
      next();
    },
    ...fileBody(config.files.maxBytes),
    async (req, res) => {
      const commune = communeOf(req);
      const upload = await inspectUpload(req.body, declaredFileName(req.get('X-PF-Filename')), config.files.maxBytes);
      const view = await db.write(async (transaction) => {
        const absence = await attachDocument(
          { communeId: commune.id, account: authOf(req).account, absenceId: param(req, 'absenceId'), upload, ip: req.ip },
          transaction,
        );
        return toAbsence(commune.id, absence, transaction);
      });
      res.json(view);
    },
  );

  router.get('/absences/:absenceId/document', requireSession, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const absence = await reachableAbsence(commune.id, account, param(req, 'absenceId'));
    if (account.kind === 'staff' && absence.document_id) {
      // Staff reading a family's health document is logged (who, which, when — not the file).
      await db.write((transaction) =>
        audit(
          {
            communeId: commune.id,
            actorId: account.id,
            action: 'absence.document_read',
            target: { type: 'absence', id: absence.id },
            ip: req.ip,
          },
          transaction,
        ),
      );
    }
    await sendStoredFile(res, commune.id, absence.document_id);
  });

  return router;
}
