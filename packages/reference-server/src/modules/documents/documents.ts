import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { storeFile, type Upload } from '../../platform/files/files.js';
import { StoredFile } from '../../platform/files/stored-file.model.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { audit } from '../audit/audit.js';
import { Activity, Enrolment, Facility } from '../bookings/booking.models.js';
import type { CivilDate } from '../bookings/rules/civil-date.js';
import { Child } from '../families/family.models.js';
import { type DocumentCategory, PublishedDocument } from './document.model.js';

/**
 * Documents the commune publishes (menus, plannings, forms). Who sees one:
 * - audience « all »: every family of the commune;
 * - audience « facility »: the families with a child enrolled in one of the facility's
 *   activities for at least one day of the document's validity range.
 * A parent sees a document only while it is published and today (Europe/Paris) lies in
 * its validity range; every other document is « not found » to them.
 */

export interface PublishArgs {
  communeId: string;
  actorId: string;
  category: DocumentCategory;
  title: string;
  validFrom: CivilDate;
  validTo: CivilDate;
  facilityId: string | null;
  upload: Upload;
  ip: string | undefined;
}

export async function publishDocument(args: PublishArgs, transaction: Transaction): Promise<PublishedDocument> {
  if (args.validTo < args.validFrom) throw new HttpProblem(400, 'validation_failed', 'validTo is before validFrom.');
  if (args.facilityId) {
    const facility = await Facility.findOne({ where: { id: args.facilityId, commune_id: args.communeId }, transaction });
    if (!facility) throw new HttpProblem(400, 'validation_failed', 'Unknown facility.');
  }
  const file = await storeFile({ communeId: args.communeId, upload: args.upload, uploadedBy: args.actorId }, transaction);
  const document = await PublishedDocument.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      category: args.category,
      title: args.title.trim() || args.upload.name,
      valid_from: args.validFrom,
      valid_to: args.validTo,
      facility_id: args.facilityId,
      file_id: file.id,
      published_by: args.actorId,
      published_at: new Date(),
      unpublished_at: null,
    },
    { transaction },
  );
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: 'document.published',
      target: { type: 'document', id: document.id },
      ip: args.ip,
    },
    transaction,
  );
  return document;
}

export async function unpublishDocument(
  args: { communeId: string; actorId: string; documentId: string; ip: string | undefined },
  transaction: Transaction,
): Promise<PublishedDocument> {
  const document = await PublishedDocument.findOne({ where: { id: args.documentId, commune_id: args.communeId }, transaction });
  if (!document) throw new HttpProblem(404, 'not_found');
  if (document.unpublished_at) return document;
  document.unpublished_at = new Date();
  await document.save({ transaction });
  await audit(
    {
      communeId: args.communeId,
      actorId: args.actorId,
      action: 'document.unpublished',
      target: { type: 'document', id: document.id },
      ip: args.ip,
    },
    transaction,
  );
  return document;
}

/**
 * The documents meant for a family and valid on `today`, newest first: published, today
 * within [valid_from, valid_to], audience « all » or a facility where one of the family's
 * children is enrolled during the document's validity.
 */
export async function documentsForFamily(
  communeId: string,
  familyId: string,
  today: CivilDate,
  filter: { category?: DocumentCategory; id?: string } = {},
): Promise<PublishedDocument[]> {
  const candidates = await PublishedDocument.findAll({
    where: {
      commune_id: communeId,
      unpublished_at: null,
      valid_from: { [Op.lte]: today },
      valid_to: { [Op.gte]: today },
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.id ? { id: filter.id } : {}),
    },
    order: [
      ['valid_from', 'DESC'],
      ['published_at', 'DESC'],
      ['id', 'ASC'],
    ],
    limit: 500,
  });
  if (!candidates.some((d) => d.facility_id)) return candidates;
  const children = await Child.findAll({ where: { commune_id: communeId, family_id: familyId }, attributes: ['id'] });
  const enrolments = children.length
    ? await Enrolment.findAll({ where: { commune_id: communeId, child_id: children.map((c) => c.id) } })
    : [];
  const activities = enrolments.length
    ? await Activity.findAll({ where: { commune_id: communeId, id: [...new Set(enrolments.map((e) => e.activity_id))] } })
    : [];
  const facilityOf = new Map(activities.map((a) => [a.id, a.facility_id]));
  return candidates.filter(
    (d) =>
      d.facility_id === null ||
      enrolments.some((e) => facilityOf.get(e.activity_id) === d.facility_id && e.valid_from <= d.valid_to && e.valid_to >= d.valid_from),
  );
}

/** The contract's Document. */
export async function toDocuments(communeId: string, documents: PublishedDocument[]) {
  const fileIds = documents.map((d) => d.file_id);
  const facilityIds = [...new Set(documents.flatMap((d) => (d.facility_id ? [d.facility_id] : [])))];
  const [files, facilities] = await Promise.all([
    fileIds.length ? StoredFile.findAll({ where: { commune_id: communeId, id: fileIds } }) : [],
    facilityIds.length ? Facility.findAll({ where: { commune_id: communeId, id: facilityIds } }) : [],
  ]);
  const fileById = new Map(files.map((f) => [f.id, f]));
  const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
  return documents.flatMap((d) => {
    const file = fileById.get(d.file_id);
    if (!file) return [];
    return [
      {
        id: d.id,
        category: d.category,
        title: d.title,
        validFrom: d.valid_from,
        validTo: d.valid_to,
        audience: {
          kind: d.facility_id ? ('facility' as const) : ('all' as const),
          facilityId: d.facility_id,
          facilityName: d.facility_id ? (facilityName.get(d.facility_id) ?? null) : null,
        },
        file: { name: file.original_name, mediaType: file.media_type, size: file.size },
        publishedAt: new Date(d.published_at).toISOString(),
        unpublishedAt: d.unpublished_at ? new Date(d.unpublished_at).toISOString() : null,
      },
    ];
  });
}
