import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { HttpProblem } from '../../platform/http/problem.js';
import { Child, Family, Guardian } from './family.models.js';

export interface CreateFamilyBody {
  number?: string;
  address: { line1: string; line2?: string | null; postalCode: string; city: string };
  quotientFamilial?: number | null;
  guardians: { firstName: string; lastName: string; relation: string; email: string; phone?: string | null }[];
  children?: { firstName: string; lastName: string; birthDate: string; school?: string | null; grade?: string | null }[];
}

/** The next free "F-0001"-style number of a commune, inside the creating transaction. */
async function nextFamilyNumber(communeId: string, transaction: Transaction): Promise<string> {
  const numbers = await Family.findAll({
    where: { commune_id: communeId, number: { [Op.like]: 'F-%' } },
    attributes: ['number'],
    transaction,
  });
  const highest = numbers.reduce((max, f) => Math.max(max, Number.parseInt(f.number.slice(2), 10) || 0), 0);
  return `F-${String(highest + 1).padStart(4, '0')}`;
}

/** Inserts a family with its guardians and children (in the caller's transaction). */
export async function insertFamily(communeId: string, body: CreateFamilyBody, transaction: Transaction): Promise<Family> {
  const number = body.number ?? (await nextFamilyNumber(communeId, transaction));
  if (await Family.findOne({ where: { commune_id: communeId, number }, transaction })) throw new HttpProblem(409, 'family_number_taken');
  const family = await Family.create(
    {
      id: randomUUID(),
      commune_id: communeId,
      number,
      address_line1: body.address.line1.trim(),
      address_line2: body.address.line2?.trim() || null,
      postal_code: body.address.postalCode,
      city: body.address.city.trim(),
      quotient_familial: body.quotientFamilial ?? null,
    },
    { transaction },
  );
  const person = (p: { firstName: string; lastName: string }, position: number) => ({
    id: randomUUID(),
    commune_id: communeId,
    family_id: family.id,
    first_name: p.firstName.trim(),
    last_name: p.lastName.trim(),
    position,
  });
  await Guardian.bulkCreate(
    body.guardians.map((g, i) => ({ ...person(g, i), relation: g.relation, email: g.email.trim().toLowerCase(), phone: g.phone ?? null })),
    { transaction },
  );
  await Child.bulkCreate(
    (body.children ?? []).map((c, i) => ({ ...person(c, i), birth_date: c.birthDate, school: c.school ?? null, grade: c.grade ?? null })),
    { transaction },
  );
  return family;
}
