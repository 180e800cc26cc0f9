import type { Transaction } from 'sequelize';
import { deleteFile, fileContent, storeFile, type Upload } from '../../platform/files/files.js';
import type { StoredFile } from '../../platform/files/stored-file.model.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import { Commune } from './commune.model.js';
import { drawableProblem, type LogoProblem, pngProblem } from './logo-image.js';

/**
 * The commune's logo on its PDF documents (invoices, credit notes, receipts): a stored PNG or
 * JPEG, checked when it is sent so that no document ever fails to draw because of it.
 */

function refusal(problem: LogoProblem): HttpProblem {
  return problem.kind === 'too_large'
    ? new HttpProblem(413, 'file_too_large', problem.detail)
    : new HttpProblem(415, 'file_type_not_allowed', problem.detail);
}

/** Refuses anything but a PNG or JPEG the PDF documents can draw. */
export async function checkLogo(upload: Upload): Promise<void> {
  if (upload.mediaType !== 'image/png' && upload.mediaType !== 'image/jpeg')
    throw new HttpProblem(415, 'file_type_not_allowed', 'A logo is a PNG or JPEG image.');
  const problem = (upload.mediaType === 'image/png' ? pngProblem(upload.content) : null) ?? (await drawableProblem(upload.content));
  if (problem) throw refusal(problem);
}

/** The commune row, locked (PostgreSQL; SQLite writes are queued): two logo changes wait for each other. */
async function lockCommune(communeId: string, transaction: Transaction): Promise<Commune> {
  return Commune.findByPk(communeId, { lock: transaction.LOCK.UPDATE, transaction, rejectOnEmpty: true });
}

/** Stores a checked logo in the caller's write transaction; the previous one is deleted. */
export async function replaceLogo(
  args: { communeId: string; upload: Upload; actorId: string; ip: string | undefined },
  transaction: Transaction,
): Promise<StoredFile> {
  const commune = await lockCommune(args.communeId, transaction);
  const previous = commune.logo_file_id;
  const file = await storeFile({ communeId: commune.id, upload: args.upload, uploadedBy: args.actorId }, transaction);
  await commune.update({ logo_file_id: file.id }, { transaction });
  if (previous) await deleteFile(commune.id, previous, transaction);
  await audit(
    { communeId: commune.id, actorId: args.actorId, action: 'commune_logo.set', target: { type: 'stored_file', id: file.id }, ip: args.ip },
    transaction,
  );
  return file;
}

export async function removeLogo(
  args: { communeId: string; actorId: string; ip: string | undefined },
  transaction: Transaction,
): Promise<void> {
  const commune = await lockCommune(args.communeId, transaction);
  const previous = commune.logo_file_id;
  if (!previous) return;
  await commune.update({ logo_file_id: null }, { transaction });
  await deleteFile(commune.id, previous, transaction);
  await audit({ communeId: commune.id, actorId: args.actorId, action: 'commune_logo.removed', ip: args.ip }, transaction);
}

/** The logo's bytes for a PDF, or null when the commune has none. */
export function logoOf(commune: Commune): Promise<Buffer | null> {
  return fileContent(commune.id, commune.logo_file_id);
}
