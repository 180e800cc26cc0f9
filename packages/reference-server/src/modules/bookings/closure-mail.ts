import { frenchDate } from '../../platform/mail/french-date.js';
import type { Mail } from '../../platform/mail/mailer.js';
import { signature } from '../accounts/emails.js';
import type { Commune } from '../communes/commune.model.js';
import { Child, Guardian } from '../families/family.models.js';
import { Activity } from './booking.models.js';
import type { CancelledBooking } from './catalogue.js';

function period(start: string, end: string): string {
  return start === end ? `le ${frenchDate(start)}` : `du ${frenchDate(start)} au ${frenchDate(end)}`;
}

/**
 * One mail per guardian of each family whose bookings a closure cancelled: which days, for
 * which child and activity, and why. Each guardian gets their own mail (separated parents
 * do not see each other's address).
 */
export async function closureMails(
  commune: Commune,
  closure: { label: string; start: string; end: string; facilityName: string | null },
  cancelled: CancelledBooking[],
): Promise<Mail[]> {
  if (cancelled.length === 0) return [];
  const [children, activities] = await Promise.all([
    Child.findAll({
      where: { commune_id: commune.id, id: [...new Set(cancelled.map((c) => c.childId))] },
      attributes: ['id', 'family_id', 'first_name'],
    }),
    Activity.findAll({
      where: { commune_id: commune.id, id: [...new Set(cancelled.map((c) => c.activityId))] },
      attributes: ['id', 'name'],
    }),
  ]);
  const familyIds = [...new Set(children.map((c) => c.family_id))];
  const guardians = await Guardian.findAll({ where: { commune_id: commune.id, family_id: familyIds }, order: [['position', 'ASC']] });
  const where = closure.facilityName ? `L'accueil « ${closure.facilityName} » est fermé` : 'Les accueils de la commune sont fermés';
  const mails: Mail[] = [];
  for (const familyId of familyIds) {
    const own = new Set(children.filter((c) => c.family_id === familyId).map((c) => c.id));
    const lines = cancelled
      .filter((c) => own.has(c.childId))
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((c) => {
        const child = children.find((x) => x.id === c.childId)?.first_name ?? '';
        const activity = activities.find((a) => a.id === c.activityId)?.name ?? '';
        return `- ${frenchDate(c.date)} : ${activity} (${child})`;
      });
    const sent = new Set<string>();
    for (const guardian of guardians.filter((g) => g.family_id === familyId)) {
      const email = guardian.email.trim().toLowerCase();
      if (!email || sent.has(email)) continue;
      sent.add(email);
      mails.push({
        communeId: commune.id,
        to: guardian.email,
        subject: `Portail Famille de ${commune.name} : réservations annulées (${closure.label})`,
        text: `Bonjour ${guardian.first_name} ${guardian.last_name},

${where} ${period(closure.start, closure.end)} : ${closure.label}.

Les réservations suivantes ont donc été annulées :
${lines.join('\n')}

Vous n'avez rien à faire. Ces jours ne peuvent plus être réservés sur le Portail Famille.

${signature(commune)}
`,
      });
    }
  }
  return mails;
}
