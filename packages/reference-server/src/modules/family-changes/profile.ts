import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { newToken, sha256 } from '../../platform/crypto/tokens.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { Account } from '../accounts/account.models.js';
import { Family, Guardian } from '../families/family.models.js';
import {
  AuthorisedPerson,
  ChildHealthSheet,
  EmailChange,
  FamilySituation,
  type FamilyStatus,
  type HealthSheet,
  type SharedCustody,
} from './family-changes.models.js';
import { normalisePhone } from './phones.js';

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;

/** What staff validated about a family, as the contract's Family adds it. */
export interface FamilyProfile {
  familyStatus: FamilyStatus | null;
  sharedCustody: SharedCustody | null;
  authorisedPersons: { id: string; name: string; relation: string; phone: string }[];
  healthSheets: Map<string, HealthSheet>;
}

export async function familyProfileOf(
  communeId: string,
  familyId: string,
  childIds: string[],
  transaction?: Transaction,
): Promise<FamilyProfile> {
  const t = transaction ?? null;
  const [situation, persons, sheets] = await Promise.all([
    FamilySituation.findOne({ where: { family_id: familyId, commune_id: communeId }, transaction: t }),
    AuthorisedPerson.findAll({
      where: { family_id: familyId, commune_id: communeId },
      order: [
        ['created_at', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    }),
    childIds.length > 0 ? ChildHealthSheet.findAll({ where: { child_id: childIds, commune_id: communeId }, transaction: t }) : [],
  ]);
  return {
    familyStatus: situation?.family_status ?? null,
    sharedCustody: situation?.shared_custody ? (JSON.parse(situation.shared_custody) as SharedCustody) : null,
    authorisedPersons: persons.map((p) => ({ id: p.id, name: p.name, relation: p.relation, phone: p.phone })),
    healthSheets: new Map(
      sheets.map((s) => [
        s.child_id,
        {
          allergies: s.allergies,
          pai: Boolean(s.pai),
          doctorName: s.doctor_name,
          doctorPhone: s.doctor_phone,
          vaccinationsUpToDate: Boolean(s.vaccinations_up_to_date),
        },
      ]),
    ),
  };
}

/** A phone number in its kept form, or a 400 naming the field. */
export function phoneOrProblem(value: string, path: string): string {
  const phone = normalisePhone(value);
  if (!phone) {
    throw new HttpProblem(400, 'validation_failed', 'Not a phone number.', {
      errors: [
        { path, message: 'Numéro de téléphone invalide : 10 chiffres (06 12 34 56 78) ou un numéro international commençant par +.' },
      ],
    });
  }
  return phone;
}

export interface ContactUpdate {
  phone?: string | null;
  address?: { line1: string; line2?: string | null; postalCode: string; city: string };
}

/** The parent's own phone and the family's address, changed directly (in the caller's transaction). */
export async function updateContact(
  args: { communeId: string; familyId: string; guardianId: string; update: ContactUpdate },
  transaction: Transaction,
): Promise<void> {
  const { update } = args;
  if (update.phone !== undefined) {
    const phone = update.phone === null || update.phone.trim() === '' ? null : phoneOrProblem(update.phone, '/body/phone');
    await Guardian.update({ phone }, { where: { id: args.guardianId, family_id: args.familyId, commune_id: args.communeId }, transaction });
  }
  if (update.address) {
    const a = update.address;
    const line1 = a.line1.trim();
    const city = a.city.trim();
    if (!line1 || !city) {
      throw new HttpProblem(400, 'validation_failed', 'The address is incomplete.', {
        errors: [{ path: !line1 ? '/body/address/line1' : '/body/address/city', message: 'Ce champ est obligatoire.' }],
      });
    }
    await Family.update(
      { address_line1: line1, address_line2: a.line2?.trim() || null, postal_code: a.postalCode, city },
      { where: { id: args.familyId, commune_id: args.communeId }, transaction },
    );
  }
}

/**
 * Starts an email change: a single-use token for the new address (stored hashed);
 * earlier unused ones stop working. Nothing else changes until it is confirmed.
 */
export async function startEmailChange(
  args: { communeId: string; account: Account; guardianId: string; email: string },
  transaction: Transaction,
): Promise<{ token: string; expiresAt: Date; email: string }> {
  const email = args.email.trim().toLowerCase();
  const guardian = await Guardian.findOne({ where: { id: args.guardianId, commune_id: args.communeId }, transaction });
  if (!guardian) throw new HttpProblem(404, 'not_found');
  if (email === guardian.email.toLowerCase()) {
    throw new HttpProblem(400, 'validation_failed', 'This is already the address in use.', {
      errors: [{ path: '/body/email', message: 'C’est déjà votre adresse actuelle.' }],
    });
  }
  const now = new Date();
  await EmailChange.update({ used_at: now }, { where: { account_id: args.account.id, used_at: null }, transaction });
  const token = newToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
  await EmailChange.create(
    {
      id: randomUUID(),
      commune_id: args.communeId,
      account_id: args.account.id,
      guardian_id: guardian.id,
      new_email: email,
      token_hash: sha256(token),
      expires_at: expiresAt,
      created_at: now,
    },
    { transaction },
  );
  return { token, expiresAt, email };
}

/**
 * Uses up an email-change token and applies the change; null when the token is unknown,
 * of another commune, expired or already used. The conditional UPDATE keeps it single-use
 * even for two concurrent confirmations.
 */
export async function confirmEmailChange(
  communeId: string,
  token: string,
  transaction: Transaction,
): Promise<{ account: Account; oldEmail: string; newEmail: string; name: string } | null> {
  const now = new Date();
  const row = await EmailChange.findOne({ where: { token_hash: sha256(token), commune_id: communeId }, transaction });
  if (!row) return null;
  const [changed] = await EmailChange.update(
    { used_at: now },
    { where: { id: row.id, used_at: null, expires_at: { [Op.gt]: now } }, transaction },
  );
  if (changed !== 1) return null;
  const account = await Account.findOne({ where: { id: row.account_id, commune_id: communeId }, transaction });
  const guardian = await Guardian.findOne({ where: { id: row.guardian_id, commune_id: communeId }, transaction });
  if (!account || !guardian || account.status === 'disabled') return null;
  const oldEmail = guardian.email;
  await guardian.update({ email: row.new_email }, { transaction });
  await account.update({ email: row.new_email }, { transaction });
  return { account, oldEmail, newEmail: row.new_email, name: `${guardian.first_name} ${guardian.last_name}` };
}
