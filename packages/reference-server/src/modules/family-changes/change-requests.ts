import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { storeFile, toStoredFile, type Upload } from '../../platform/files/files.js';
import { StoredFile } from '../../platform/files/stored-file.model.js';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Account } from '../accounts/account.models.js';
import { Child, Family, Guardian } from '../families/family.models.js';
import { familyIdOf } from '../families/serialize.js';
import {
  AuthorisedPerson,
  type ChangeProposal,
  ChangeRequestAttachment,
  ChildHealthSheet,
  FamilyChangeRequest,
  FamilySituation,
} from './family-changes.models.js';
import { phoneOrProblem } from './profile.js';

export const MAX_ATTACHMENTS = 5;
/** Requests a family may have waiting at once (each may carry files: this bounds what one family stores). */
export const MAX_PENDING = 20;

/**
 * Checks a proposal against the family as it is (its guardians, children, persons) and
 * answers it in its kept form (phones normalised, text trimmed). Used when the family asks
 * and again when staff accept, since the family may have changed in between.
 */
export async function checkedProposal(
  communeId: string,
  familyId: string,
  change: ChangeProposal,
  transaction?: Transaction,
): Promise<ChangeProposal> {
  const t = transaction ?? null;
  switch (change.kind) {
    case 'family_status':
      return change;
    case 'shared_custody': {
      const custody = change.sharedCustody;
      if (!custody) return change;
      const guardians = await Guardian.findAll({
        where: { family_id: familyId, commune_id: communeId },
        attributes: ['id'],
        transaction: t,
      });
      const ids = new Set(guardians.map((g) => g.id));
      const all = [custody.billedGuardianId, custody.evenWeeksGuardianId, custody.oddWeeksGuardianId];
      if (!all.every((id) => ids.has(id)) || custody.evenWeeksGuardianId === custody.oddWeeksGuardianId) {
        throw new HttpProblem(422, 'change_not_applicable', 'Shared custody needs two different guardians of the family.');
      }
      return change;
    }
    case 'health_sheet': {
      const child = await Child.findOne({ where: { id: change.childId, family_id: familyId, commune_id: communeId }, transaction: t });
      if (!child) throw new HttpProblem(404, 'not_found');
      const h = change.healthSheet;
      return {
        kind: 'health_sheet',
        childId: child.id,
        healthSheet: {
          allergies: h.allergies?.trim() || null,
          pai: h.pai,
          doctorName: h.doctorName?.trim() || null,
          doctorPhone: h.doctorPhone ? phoneOrProblem(h.doctorPhone, '/body/change/healthSheet/doctorPhone') : null,
          vaccinationsUpToDate: h.vaccinationsUpToDate,
        },
      };
    }
    case 'authorised_person_add': {
      const name = change.person.name.trim();
      const relation = change.person.relation.trim();
      if (!name || !relation) {
        throw new HttpProblem(400, 'validation_failed', 'Name and relation are required.', {
          errors: [{ path: !name ? '/body/change/person/name' : '/body/change/person/relation', message: 'Ce champ est obligatoire.' }],
        });
      }
      return {
        kind: 'authorised_person_add',
        person: { name, relation, phone: phoneOrProblem(change.person.phone, '/body/change/person/phone') },
      };
    }
    case 'authorised_person_remove': {
      const person = await AuthorisedPerson.findOne({
        where: { id: change.personId, family_id: familyId, commune_id: communeId },
        transaction: t,
      });
      if (!person) throw new HttpProblem(404, 'not_found');
      return change;
    }
  }
}

export async function createChangeRequest(
  args: { communeId: string; familyId: string; account: Account; change: ChangeProposal; comment?: string | undefined },
  transaction: Transaction,
): Promise<FamilyChangeRequest> {
  const change = await checkedProposal(args.communeId, args.familyId, args.change, transaction);
  const pending = await FamilyChangeRequest.count({
    where: { commune_id: args.communeId, family_id: args.familyId, status: 'pending' },
    transaction,
  });
  if (pending >= MAX_PENDING) throw new HttpProblem(409, 'too_many_pending_requests', `At most ${MAX_PENDING} requests waiting.`);
  return FamilyChangeRequest.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      family_id: args.familyId,
      kind: change.kind,
      change: JSON.stringify(change),
      comment: args.comment?.trim() || null,
      status: 'pending',
      staff_comment: null,
      submitted_by: args.account.id,
      created_at: new Date(),
    },
    { transaction },
  );
}

/**
 * A request the account may see: staff of the commune, or the family that made it.
 * Anything else is « not found », revealing nothing.
 */
export async function reachableRequest(communeId: string, account: Account, requestId: string): Promise<FamilyChangeRequest> {
  const request = await FamilyChangeRequest.findOne({ where: { id: requestId, commune_id: communeId } });
  if (account.kind === 'staff') {
    if (!account.roleList.some((r) => r === 'admin' || r === 'agent')) throw new HttpProblem(403, 'forbidden');
  } else if (request && request.family_id !== (await familyIdOf(communeId, account))) {
    throw new HttpProblem(404, 'not_found');
  }
  if (!request) throw new HttpProblem(404, 'not_found');
  return request;
}

/** Joins an inspected file to the family's pending request (in the caller's transaction). */
export async function attachToRequest(
  args: { communeId: string; request: FamilyChangeRequest; upload: Upload; uploadedBy: string },
  transaction: Transaction,
): Promise<void> {
  const current = await FamilyChangeRequest.findOne({ where: { id: args.request.id, commune_id: args.communeId }, transaction });
  if (!current || current.status !== 'pending') throw new HttpProblem(409, 'change_request_decided');
  const count = await ChangeRequestAttachment.count({ where: { request_id: current.id }, transaction });
  if (count >= MAX_ATTACHMENTS) throw new HttpProblem(409, 'too_many_attachments', `At most ${MAX_ATTACHMENTS} files.`);
  const file = await storeFile({ communeId: args.communeId, upload: args.upload, uploadedBy: args.uploadedBy }, transaction);
  await ChangeRequestAttachment.create(
    { id: randomUUID(), commune_id: args.communeId, request_id: current.id, file_id: file.id, created_at: new Date() },
    { transaction },
  );
}

/** The stored file behind one attachment of one request; 404 otherwise. */
export async function attachmentFileId(communeId: string, requestId: string, attachmentId: string): Promise<string> {
  const row = await ChangeRequestAttachment.findOne({ where: { id: attachmentId, request_id: requestId, commune_id: communeId } });
  if (!row) throw new HttpProblem(404, 'not_found');
  return row.file_id;
}

/** Applies an accepted proposal to the family (in the accepting transaction). */
async function applyProposal(communeId: string, familyId: string, change: ChangeProposal, transaction: Transaction): Promise<void> {
  const now = new Date();
  switch (change.kind) {
    case 'family_status':
    case 'shared_custody': {
      const situation = await FamilySituation.findOne({ where: { family_id: familyId, commune_id: communeId }, transaction });
      const values =
        change.kind === 'family_status'
          ? { family_status: change.familyStatus }
          : { shared_custody: change.sharedCustody ? JSON.stringify(change.sharedCustody) : null };
      if (situation) await situation.update({ ...values, updated_at: now }, { transaction });
      else await FamilySituation.create({ family_id: familyId, commune_id: communeId, ...values, updated_at: now }, { transaction });
      return;
    }
    case 'health_sheet': {
      const h = change.healthSheet;
      const values = {
        allergies: h.allergies,
        pai: h.pai,
        doctor_name: h.doctorName,
        doctor_phone: h.doctorPhone,
        vaccinations_up_to_date: h.vaccinationsUpToDate,
        updated_at: now,
      };
      const sheet = await ChildHealthSheet.findOne({ where: { child_id: change.childId, commune_id: communeId }, transaction });
      if (sheet) await sheet.update(values, { transaction });
      else await ChildHealthSheet.create({ child_id: change.childId, commune_id: communeId, ...values }, { transaction });
      return;
    }
    case 'authorised_person_add':
      await AuthorisedPerson.create(
        { id: randomUUID(), commune_id: communeId, family_id: familyId, ...change.person, created_at: now },
        { transaction },
      );
      return;
    case 'authorised_person_remove':
      await AuthorisedPerson.destroy({ where: { id: change.personId, family_id: familyId, commune_id: communeId }, transaction });
      return;
  }
}

/**
 * Staff's decision, in one transaction: the state moves from pending only (a conditional
 * UPDATE, so of two concurrent decisions exactly one wins) and an accepted change is applied
 * in the same transaction — all or nothing.
 */
export async function decideChangeRequest(
  args: { communeId: string; requestId: string; actorId: string; accept: boolean; comment: string | null },
  transaction: Transaction,
): Promise<FamilyChangeRequest> {
  const [changed] = await FamilyChangeRequest.update(
    { status: args.accept ? 'accepted' : 'rejected', staff_comment: args.comment, decided_by: args.actorId, decided_at: new Date() },
    { where: { id: args.requestId, commune_id: args.communeId, status: 'pending' }, transaction },
  );
  const request = await FamilyChangeRequest.findOne({ where: { id: args.requestId, commune_id: args.communeId }, transaction });
  if (!request) throw new HttpProblem(404, 'not_found');
  if (changed !== 1) throw new HttpProblem(409, 'change_request_decided');
  if (args.accept) {
    const change = await checkedProposal(
      args.communeId,
      request.family_id,
      JSON.parse(request.change) as ChangeProposal,
      transaction,
    ).catch((error: unknown) => {
      // The family changed since the request (a person already removed, a child gone).
      if (error instanceof HttpProblem && error.status === 404) throw new HttpProblem(422, 'change_not_applicable');
      throw error;
    });
    await applyProposal(args.communeId, request.family_id, change, transaction);
  }
  return request;
}

/** The contract's ChangeRequest, for several requests of one commune at once. */
export async function toChangeRequests(communeId: string, requests: FamilyChangeRequest[], transaction?: Transaction) {
  if (requests.length === 0) return [];
  const t = transaction ?? null;
  const attachments = await ChangeRequestAttachment.findAll({
    where: { request_id: requests.map((r) => r.id), commune_id: communeId },
    order: [['created_at', 'ASC']],
    transaction: t,
  });
  const files = attachments.length
    ? await StoredFile.findAll({ where: { id: attachments.map((a) => a.file_id), commune_id: communeId }, transaction: t })
    : [];
  const families = await Family.findAll({
    where: { id: [...new Set(requests.map((r) => r.family_id))], commune_id: communeId },
    attributes: ['id', 'number'],
    transaction: t,
  });
  return requests.map((r) => ({
    id: r.id,
    familyId: r.family_id,
    familyNumber: families.find((f) => f.id === r.family_id)?.number ?? '',
    change: JSON.parse(r.change) as ChangeProposal,
    comment: r.comment,
    status: r.status,
    staffComment: r.staff_comment,
    attachments: attachments.flatMap((a) => {
      const file = a.request_id === r.id ? files.find((f) => f.id === a.file_id) : undefined;
      // The attachment's own id names it in the download path.
      return file ? [{ ...toStoredFile(file), id: a.id }] : [];
    }),
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  }));
}
