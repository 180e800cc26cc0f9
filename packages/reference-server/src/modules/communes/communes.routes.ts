import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/crypto/passwords.js';
import { declaredFileName, fileBody, inspectUpload, sendStoredFile, toStoredFile } from '../../platform/files/files.js';
import { authOf, communeOf } from '../../platform/http/context.js';
import { requireStaff } from '../accounts/auth.middleware.js';
import { audit } from '../audit/audit.js';
import type { Commune } from './commune.model.js';
import { checkLogo, removeLogo, replaceLogo } from './logo.js';
import { LOGO_MAX_BYTES } from './logo-image.js';

function toBanner(commune: Commune) {
  if (!commune.banner_kind || !commune.banner_message) return null;
  return { kind: commune.banner_kind, message: commune.banner_message, updatedAt: (commune.banner_updated_at ?? new Date()).toISOString() };
}

export function communeRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });

  router.get('/', (req, res) => {
    const commune = communeOf(req);
    res.json({
      slug: commune.slug,
      name: commune.name,
      logoUrl: commune.logo_url,
      banner: toBanner(commune),
      contact: { serviceName: commune.contact_service_name, email: commune.contact_email, phone: commune.contact_phone },
      passwordPolicy: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
      defaultLocale: 'fr',
    });
  });

  router.put('/staff/banner', requireStaff('admin'), async (req, res) => {
    const commune = communeOf(req);
    const { kind, message } = req.body as { kind: 'info' | 'maintenance'; message: string };
    await db.write(async (transaction) => {
      await commune.update({ banner_kind: kind, banner_message: message.trim(), banner_updated_at: new Date() }, { transaction });
      await audit({ communeId: commune.id, actorId: authOf(req).account.id, action: 'banner.set', ip: req.ip }, transaction);
    });
    res.json(toBanner(commune));
  });

  router.delete('/staff/banner', requireStaff('admin'), async (req, res) => {
    const commune = communeOf(req);
    await db.write(async (transaction) => {
      await commune.update({ banner_kind: null, banner_message: null, banner_updated_at: new Date() }, { transaction });
      await audit({ communeId: commune.id, actorId: authOf(req).account.id, action: 'banner.cleared', ip: req.ip }, transaction);
    });
    res.status(204).end();
  });

  // --- the logo on the commune's PDF documents (admin) ------------------------------------
  router.put('/staff/logo', requireStaff('admin'), ...fileBody(LOGO_MAX_BYTES), async (req, res) => {
    const commune = communeOf(req);
    const upload = await inspectUpload(req.body, declaredFileName(req.get('X-PF-Filename')), LOGO_MAX_BYTES);
    await checkLogo(upload);
    const file = await db.write((transaction) =>
      replaceLogo({ communeId: commune.id, upload, actorId: authOf(req).account.id, ip: req.ip }, transaction),
    );
    res.json(toStoredFile(file));
  });

  router.get('/staff/logo', requireStaff('admin'), async (req, res) => {
    const commune = communeOf(req);
    await sendStoredFile(res, commune.id, commune.logo_file_id);
  });

  router.delete('/staff/logo', requireStaff('admin'), async (req, res) => {
    await db.write((transaction) => removeLogo({ communeId: communeOf(req).id, actorId: authOf(req).account.id, ip: req.ip }, transaction));
    res.status(204).end();
  });

  return router;
}
