import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { declaredFileName, fileBody, inspectUpload, sendStoredFile } from '../../platform/files/files.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import { familyIdOf } from '../families/serialize.js';
import { type DocumentCategory, PublishedDocument } from './document.model.js';
import { documentsForFamily, publishDocument, toDocuments, unpublishDocument } from './documents.js';

/** Documents: staff publish and unpublish them; parents list and download the ones meant for them. */
export function documentRoutes(ctx: AppContext): Router {
  const { db, config } = ctx;
  const router = Router({ mergeParams: true });
  const staff = requireStaff('admin', 'agent');

  router.get('/staff/documents', staff, async (req, res) => {
    const commune = communeOf(req);
    const { category } = req.query as { category?: DocumentCategory };
    const rows = await PublishedDocument.findAll({
      where: { commune_id: commune.id, ...(category ? { category } : {}) },
      order: [
        ['published_at', 'DESC'],
        ['id', 'ASC'],
      ],
      limit: 500,
    });
    res.json({ items: await toDocuments(commune.id, rows) });
  });

  router.post('/staff/documents', staff, ...fileBody(config.files.maxBytes), async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { category: DocumentCategory; title: string; validFrom: string; validTo: string; facilityId?: string };
    const upload = await inspectUpload(req.body, declaredFileName(req.get('X-PF-Filename')), config.files.maxBytes);
    const document = await db.write((transaction) =>
      publishDocument(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          category: query.category,
          title: query.title,
          validFrom: query.validFrom,
          validTo: query.validTo,
          facilityId: query.facilityId ?? null,
          upload,
          ip: req.ip,
        },
        transaction,
      ),
    );
    const [view] = await toDocuments(commune.id, [document]);
    res.status(201).json(view);
  });

  router.delete('/staff/documents/:documentId', staff, async (req, res) => {
    const commune = communeOf(req);
    const document = await db.write((transaction) =>
      unpublishDocument(
        { communeId: commune.id, actorId: authOf(req).account.id, documentId: param(req, 'documentId'), ip: req.ip },
        transaction,
      ),
    );
    const [view] = await toDocuments(commune.id, [document]);
    res.json(view);
  });

  router.get('/staff/documents/:documentId/file', staff, async (req, res) => {
    const commune = communeOf(req);
    const document = await PublishedDocument.findOne({ where: { id: param(req, 'documentId'), commune_id: commune.id } });
    if (!document) throw new HttpProblem(404, 'not_found');
    await sendStoredFile(res, commune.id, document.file_id);
  });

  router.get('/documents', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const { category } = req.query as { category?: DocumentCategory };
    const rows = await documentsForFamily(commune.id, familyId, civilDateOf(new Date()), category ? { category } : {});
    res.json({ items: await toDocuments(commune.id, rows) });
  });

  router.get('/documents/:documentId/file', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const [document] = await documentsForFamily(commune.id, familyId, civilDateOf(new Date()), { id: param(req, 'documentId') });
    // Not meant for this family, not valid today, unpublished or another commune's: « not found ».
    if (!document) throw new HttpProblem(404, 'not_found');
    await sendStoredFile(res, commune.id, document.file_id);
  });

  return router;
}
