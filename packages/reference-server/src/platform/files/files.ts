import { createHash, randomUUID } from 'node:crypto';
import express, { type RequestHandler, type Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import type { Transaction } from 'sequelize';
import { HttpProblem } from '../http/problem.js';
import { type AllowedMediaType, StoredFile } from './stored-file.model.js';

/**
 * Stored files: uploaded documents (supporting documents, later attachments of families'
 * change requests), kept in the database with their hash. Generic: the module that owns
 * a file links to its id and decides who may read it.
 *
 * An upload's type is read from its first bytes (magic numbers); the name and the
 * declared Content-Type are never trusted. Only PDF, JPEG and PNG are accepted.
 */

const EXTENSIONS: Record<AllowedMediaType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
const DEFAULT_NAMES: Record<AllowedMediaType, string> = { 'application/pdf': 'document', 'image/jpeg': 'image', 'image/png': 'image' };

function isAllowed(mime: string): mime is AllowedMediaType {
  return Object.hasOwn(EXTENSIONS, mime);
}

/**
 * Reads the request body as raw bytes, whatever its declared type, up to `maxBytes`
 * (the contract has already refused types the operation does not take). A larger body
 * is cut off while it streams in: `file_too_large`, nothing read further.
 */
export function fileBody(maxBytes: number): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: maxBytes });
  return [
    (req, res, next) =>
      raw(req, res, (error?: unknown) => {
        if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
          return next(new HttpProblem(413, 'file_too_large', `At most ${maxBytes} bytes.`));
        }
        next(error);
      }),
  ];
}

export interface Upload {
  content: Buffer;
  mediaType: AllowedMediaType;
  size: number;
  sha256: string;
  name: string;
}

/** Checks an uploaded body: not empty, not too large, a PDF, JPEG or PNG by its content. */
export async function inspectUpload(body: unknown, declaredName: string | undefined, maxBytes: number): Promise<Upload> {
  const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (content.length === 0) throw new HttpProblem(400, 'file_empty');
  if (content.length > maxBytes) throw new HttpProblem(413, 'file_too_large', `At most ${maxBytes} bytes.`);
  const sniffed = await fileTypeFromBuffer(content);
  if (!sniffed || !isAllowed(sniffed.mime)) throw new HttpProblem(415, 'file_type_not_allowed');
  return {
    content,
    mediaType: sniffed.mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    name: sanitiseFileName(declaredName, sniffed.mime),
  };
}

/** The `X-PF-Filename` header: percent-encoded UTF-8; anything undecodable is ignored. */
export function declaredFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return undefined;
  }
}

/**
 * A name safe to show and to offer as a download: no path, no control or reserved
 * characters, at most 100 characters, and the extension of the real type (a PNG sent as
 * « certificat.pdf » is kept as « certificat.png »).
 */
export function sanitiseFileName(name: string | undefined, mediaType: AllowedMediaType): string {
  const ext = EXTENSIONS[mediaType];
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  stem = [...stem].slice(0, 100).join('');
  if (stem === '' || stem === '_') stem = DEFAULT_NAMES[mediaType];
  return `${stem}.${ext}`;
}

/** Stores an inspected upload in the caller's write transaction. */
export async function storeFile(
  args: { communeId: string; upload: Upload; uploadedBy: string | null },
  transaction: Transaction,
): Promise<StoredFile> {
  const { upload } = args;
  return StoredFile.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      media_type: upload.mediaType,
      size: upload.size,
      sha256: upload.sha256,
      original_name: upload.name,
      content: upload.content,
      uploaded_by: args.uploadedBy,
      created_at: new Date(),
    },
    { transaction },
  );
}

/** A commune's file, without its bytes; null when it is not there. */
export async function fileInfo(communeId: string, id: string | null, transaction?: Transaction): Promise<StoredFile | null> {
  if (!id) return null;
  return StoredFile.findOne({ where: { id, commune_id: communeId }, transaction: transaction ?? null });
}

export async function deleteFile(communeId: string, id: string, transaction: Transaction): Promise<void> {
  await StoredFile.destroy({ where: { id, commune_id: communeId }, transaction });
}

/** The bytes of a commune's file; null when it is not there. */
export async function fileContent(communeId: string, id: string | null): Promise<Buffer | null> {
  const file = id ? await StoredFile.unscoped().findOne({ where: { id, commune_id: communeId }, attributes: ['content'] }) : null;
  return file ? Buffer.from(file.content) : null;
}

/** Sends a commune's file as a download; 404 when it is not there. */
export async function sendStoredFile(res: Response, communeId: string, id: string | null): Promise<void> {
  const file = id ? await StoredFile.unscoped().findOne({ where: { id, commune_id: communeId } }) : null;
  if (!file) throw new HttpProblem(404, 'not_found');
  res.attachment(file.original_name);
  res.type(file.media_type);
  res.setHeader('Content-Length', String(file.size));
  res.end(Buffer.from(file.content));
}

/** The contract's StoredFile. */
export function toStoredFile(file: StoredFile) {
  return {
    id: file.id,
    name: file.original_name,
    mediaType: file.media_type,
    size: file.size,
    sha256: file.sha256,
    uploadedAt: new Date(file.created_at).toISOString(),
  };
}
