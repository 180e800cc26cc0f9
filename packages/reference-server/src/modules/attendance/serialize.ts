import type { Transaction } from 'sequelize';
import { toStoredFile } from '../../platform/files/files.js';
import { StoredFile } from '../../platform/files/stored-file.model.js';
import { Activity } from '../bookings/booking.models.js';
import { Child } from '../families/family.models.js';
import type { Absence } from './attendance.models.js';

export const fullName = (c: { first_name: string; last_name: string }) => `${c.first_name} ${c.last_name}`;

/** The contract's Absence, for several rows at once (names and documents in three queries). */
export async function toAbsences(communeId: string, rows: Absence[], transaction?: Transaction) {
  const t = { transaction: transaction ?? null };
  const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const [children, activities, files] = await Promise.all([
    Child.findAll({
      where: { commune_id: communeId, id: unique(rows.map((r) => r.child_id)) },
      attributes: ['id', 'first_name', 'last_name'],
      ...t,
    }),
    Activity.findAll({ where: { commune_id: communeId, id: unique(rows.map((r) => r.activity_id)) }, attributes: ['id', 'name'], ...t }),
    StoredFile.findAll({ where: { commune_id: communeId, id: unique(rows.map((r) => r.document_id)) }, ...t }),
  ]);
  return rows.map((a) => {
    const child = children.find((c) => c.id === a.child_id);
    const file = files.find((f) => f.id === a.document_id);
    return {
      id: a.id,
      childId: a.child_id,
      childName: child ? fullName(child) : '',
      activityId: a.activity_id,
      activityName: activities.find((x) => x.id === a.activity_id)?.name ?? '',
      date: a.date,
      status: a.status,
      declaredBy: a.declared_by,
      comment: a.comment,
      document: file ? toStoredFile(file) : null,
      createdAt: new Date(a.created_at).toISOString(),
    };
  });
}

export type AbsenceView = Awaited<ReturnType<typeof toAbsences>>[number];

export async function toAbsence(communeId: string, row: Absence, transaction?: Transaction): Promise<AbsenceView> {
  const [view] = await toAbsences(communeId, [row], transaction);
  if (!view) throw new Error('absence vanished');
  return view;
}
