import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { declaredFileName, fileBody, inspectUpload, sendStoredFile } from '../../platform/files/files.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { ipRateLimit } from '../../platform/http/rate-limit.js';
import { requireGuardian, requireSession, requireStaff } from '../accounts/auth.middleware.js';
import { audit } from '../audit/audit.js';
import { familyIdOf, loadFamily, toFamily } from '../families/serialize.js';
import {
  attachmentFileId,
  attachToRequest,
  createChangeRequest,
  decideChangeRequest,
  reachableRequest,
  toChangeRequests,
} from './change-requests.js';
import { confirmEmailMail, emailChangedNotice } from './emails.js';
import { type ChangeProposal, type ChangeRequestStatus, FamilyChangeRequest } from './family-changes.models.js';
import { type ContactUpdate, confirmEmailChange, startEmailChange, updateContact } from './profile.js';

/**
 * « Mes informations »: what a parent changes directly (own phone, family address, email
 * through a link), and the change requests staff validate (family status, shared custody,
 * health sheets, authorised persons) with their supporting documents.
 */
export function familyChangeRoutes(ctx: AppContext): Router {
  const { db, config, mailer, background } = ctx;
  const router = Router({ mergeParams: true });
  const staff = requireStaff('admin', 'agent');
  const tokenLimit = ipRateLimit(db, 'token', config.rateLimits.tokenPerIp, config.rateLimits.windowMinutes);

  /** The parent's guardian row and family. */
  async function parentOf(req: Parameters<typeof authOf>[0]) {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const familyId = await familyIdOf(commune.id, account);
    if (!account.guardian_id) throw new HttpProblem(404, 'not_found');
    return { commune, account, familyId, guardianId: account.guardian_id };
  }

  router.patch('/family/contact', requireGuardian, async (req, res) => {
    const { commune, account, familyId, guardianId } = await parentOf(req);
    const update = req.body as ContactUpdate;
    await db.write(async (transaction) => {
      await updateContact({ communeId: commune.id, familyId, guardianId, update }, transaction);
      await audit(
        {
          communeId: commune.id,
          actorId: account.id,
          action: 'family.contact_updated',
          target: { type: 'family', id: familyId },
          ip: req.ip,
        },
        transaction,
      );
    });
    const family = await loadFamily(commune.id, familyId);
    if (!family) throw new HttpProblem(404, 'not_found');
    res.json(await toFamily(family, 'parent'));
  });

  router.post('/family/email-change', requireGuardian, async (req, res) => {
    const { commune, account, guardianId } = await parentOf(req);
    const { email } = req.body as { email: string };
    const started = await db.write(async (transaction) => {
      const result = await startEmailChange({ communeId: commune.id, account, guardianId, email }, transaction);
      await audit(
        {
          communeId: commune.id,
          actorId: account.id,
          action: 'email_change.requested',
          target: { type: 'account', id: account.id },
          ip: req.ip,
        },
        transaction,
      );
      return result;
    });
    background.run('email change link', () =>
      mailer.send(confirmEmailMail(commune, { email: started.email, name: account.display_name }, started.token, started.expiresAt)),
    );
    res.status(202).json({ pendingEmail: started.email, expiresAt: started.expiresAt.toISOString() });
  });

  router.post('/auth/confirm-email', tokenLimit, async (req, res) => {
    const commune = communeOf(req);
    const { token } = req.body as { token: string };
    const done = await db.write(async (transaction) => {
      const result = await confirmEmailChange(commune.id, token, transaction);
      if (!result) throw new HttpProblem(410, 'invalid_token');
      await audit(
        {
          communeId: commune.id,
          actorId: result.account.id,
          action: 'email.changed',
          target: { type: 'account', id: result.account.id },
          ip: req.ip,
        },
        transaction,
      );
      return result;
    });
    background.run('email changed notice', () =>
      mailer.send(emailChangedNotice(commune, { email: done.oldEmail, name: done.name }, done.newEmail)),
    );
    res.json({ email: done.newEmail });
  });

  router.get('/family/change-requests', requireGuardian, async (req, res) => {
    const { commune, familyId } = await parentOf(req);
    const rows = await FamilyChangeRequest.findAll({
      where: { commune_id: commune.id, family_id: familyId },
      order: [
        ['created_at', 'DESC'],
        ['id', 'ASC'],
      ],
      limit: 200,
    });
    res.json({ items: await toChangeRequests(commune.id, rows) });
  });

  router.post('/family/change-requests', requireGuardian, async (req, res) => {
    const { commune, account, familyId } = await parentOf(req);
    const body = req.body as { change: ChangeProposal; comment?: string };
    const answer = await once(
      db,
      { communeId: commune.id, accountId: account.id, key: req.get('Idempotency-Key'), request: body },
      async (transaction) => {
        const request = await createChangeRequest({ communeId: commune.id, familyId, account, ...body }, transaction);
        await audit(
          {
            communeId: commune.id,
            actorId: account.id,
            action: 'change_request.created',
            target: { type: 'change_request', id: request.id },
            ip: req.ip,
          },
          transaction,
        );
        const [view] = await toChangeRequests(commune.id, [request], transaction);
        return { status: 201, body: view };
      },
    );
    res.status(answer.status).json(answer.body);
  });

  router.post(
    '/change-requests/:changeRequestId/attachments',
    requireGuardian,
    // Who may send it, and whether the request still takes files, is checked before the bytes are read.
    async (req, _res, next) => {
      const request = await reachableRequest(communeOf(req).id, authOf(req).account, param(req, 'changeRequestId'));
      if (request.status !== 'pending') throw new HttpProblem(409, 'change_request_decided');
      next();
    },
    ...fileBody(config.files.maxBytes),
    async (req, res) => {
      const commune = communeOf(req);
      const { account } = authOf(req);
      const request = await reachableRequest(commune.id, account, param(req, 'changeRequestId'));
      const upload = await inspectUpload(req.body, declaredFileName(req.get('X-PF-Filename')), config.files.maxBytes);
      const view = await db.write(async (transaction) => {
        await attachToRequest({ communeId: commune.id, request, upload, uploadedBy: account.id }, transaction);
        await audit(
          {
            communeId: commune.id,
            actorId: account.id,
            action: 'change_request.attachment_added',
            target: { type: 'change_request', id: request.id },
            ip: req.ip,
          },
          transaction,
        );
        const [fresh] = await toChangeRequests(commune.id, [request], transaction);
        return fresh;
      });
      res.status(201).json(view);
    },
  );

  router.get('/change-requests/:changeRequestId/attachments/:attachmentId', requireSession, async (req, res) => {
    const commune = communeOf(req);
    const { account } = authOf(req);
    const request = await reachableRequest(commune.id, account, param(req, 'changeRequestId'));
    const fileId = await attachmentFileId(commune.id, request.id, param(req, 'attachmentId'));
    if (account.kind === 'staff') {
      await db.write((transaction) =>
        audit(
          {
            communeId: commune.id,
            actorId: account.id,
            action: 'change_request.attachment_read',
            target: { type: 'change_request', id: request.id },
            ip: req.ip,
          },
          transaction,
        ),
      );
    }
    await sendStoredFile(res, commune.id, fileId);
  });

  router.get('/staff/change-requests', staff, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { status?: ChangeRequestStatus; limit?: string | number };
    const status = query.status ?? 'pending';
    const rows = await FamilyChangeRequest.findAll({
      where: { commune_id: commune.id, status },
      // What waits longest comes first; decided ones newest first.
      order: [
        ['created_at', status === 'pending' ? 'ASC' : 'DESC'],
        ['id', 'ASC'],
      ],
      limit: Number(query.limit ?? 20),
    });
    await db.write((transaction) =>
      audit({ communeId: commune.id, actorId: authOf(req).account.id, action: 'change_request.listed', ip: req.ip }, transaction),
    );
    res.json({ items: await toChangeRequests(commune.id, rows) });
  });

  for (const decision of ['accept', 'reject'] as const) {
    router.post(`/staff/change-requests/:changeRequestId/${decision}`, staff, async (req, res) => {
      const commune = communeOf(req);
      const actorId = authOf(req).account.id;
      const comment = (req.body as { comment?: string } | undefined)?.comment?.trim() || null;
      if (decision === 'reject' && !comment) {
        throw new HttpProblem(400, 'validation_failed', 'A rejection needs a comment for the family.', {
          errors: [{ path: '/body/comment', message: 'Expliquez à la famille pourquoi la demande est refusée.' }],
        });
      }
      const view = await db.write(async (transaction) => {
        const request = await decideChangeRequest(
          { communeId: commune.id, requestId: param(req, 'changeRequestId'), actorId, accept: decision === 'accept', comment },
          transaction,
        );
        await audit(
          {
            communeId: commune.id,
            actorId,
            action: decision === 'accept' ? 'change_request.accepted' : 'change_request.rejected',
            target: { type: 'change_request', id: request.id },
            ip: req.ip,
          },
          transaction,
        );
        const [fresh] = await toChangeRequests(commune.id, [request], transaction);
        return fresh;
      });
      res.json(view);
    });
  }

  return router;
}
