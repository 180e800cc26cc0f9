import { HttpProblem } from '../../platform/http/problem.js';
import { Account, LoginThrottle } from '../accounts/account.models.js';
import { activationExpiry } from '../accounts/account-tokens.js';
import { throttleKey } from '../accounts/identifiers.js';
import { toAccountSummary } from '../accounts/serialize.js';
import { familyProfileOf } from '../family-changes/profile.js';
import { Child, Family, Guardian } from './family.models.js';

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** The family of a parent's account; 404 for an account that has none (staff). */
export async function familyIdOf(communeId: string, account: Account): Promise<string> {
  const guardian = account.guardian_id
    ? await Guardian.findOne({ where: { id: account.guardian_id, commune_id: communeId }, attributes: ['family_id'] })
    : null;
  if (!guardian) throw new HttpProblem(404, 'not_found');
  return guardian.family_id;
}

/** Loads a family of one commune with its people; null when it is not there. */
export async function loadFamily(communeId: string, familyId: string): Promise<Family | null> {
  return Family.findOne({
    where: { id: familyId, commune_id: communeId },
    include: [
      { model: Guardian, as: 'guardians' },
      { model: Child, as: 'children' },
    ],
  });
}

/** The lock and activation state of an account, as staff see it. */
export async function accountSummaryOf(account: Account) {
  const throttle = await LoginThrottle.findOne({
    where: { commune_id: account.commune_id, identifier_key: throttleKey(account.commune_id, account.identifier) },
  });
  return toAccountSummary(account, throttle?.locked_until ?? null, await activationExpiry(account.id));
}

/** The contract's Family. Staff views add each guardian's account state. */
export async function toFamily(family: Family, view: 'parent' | 'staff') {
  const guardians = [...(family.guardians ?? [])].sort(byPosition);
  const accounts =
    view === 'staff' ? await Account.findAll({ where: { commune_id: family.commune_id, guardian_id: guardians.map((g) => g.id) } }) : [];
  const children = [...(family.children ?? [])].sort(byPosition);
  // What staff validated through change requests (family status, custody, persons, health sheets).
  const profile = await familyProfileOf(
    family.commune_id,
    family.id,
    children.map((c) => c.id),
  );
  return {
    id: family.id,
    number: family.number,
    address: { line1: family.address_line1, line2: family.address_line2, postalCode: family.postal_code, city: family.city },
    quotientFamilial: family.quotient_familial,
    guardians: await Promise.all(
      guardians.map(async (g) => {
        const account = accounts.find((a) => a.guardian_id === g.id);
        return {
          id: g.id,
          firstName: g.first_name,
          lastName: g.last_name,
          relation: g.relation,
          email: g.email,
          phone: g.phone,
          ...(view === 'staff' ? { account: account ? await accountSummaryOf(account) : null } : {}),
        };
      }),
    ),
    children: children.map((c) => ({
      id: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      birthDate: c.birth_date,
      school: c.school,
      grade: c.grade,
      healthSheet: profile.healthSheets.get(c.id) ?? null,
    })),
    familyStatus: profile.familyStatus,
    sharedCustody: profile.sharedCustody,
    authorisedPersons: profile.authorisedPersons,
  };
}
