import { frenchDate } from '../../platform/mail/french-date.js';
import type { Mail } from '../../platform/mail/mailer.js';
import { signature } from '../accounts/emails.js';
import type { Commune } from '../communes/commune.model.js';
import { Child, Guardian } from '../families/family.models.js';
import type { Promotion } from './submit-request.js';

/**
 * One mail per family whose child left a waiting list: the days now booked. Families learn
 * it without having to look at the planner every day.
 */
export async function promotionMails(commune: Commune, promotions: Promotion[], activityName: (id: string) => string): Promise<Mail[]> {
  if (promotions.length === 0) return [];
  const children = await Child.findAll({ where: { id: [...new Set(promotions.map((p) => p.childId))], commune_id: commune.id } });
  const guardians = await Guardian.findAll({
    where: { family_id: [...new Set(children.map((c) => c.family_id))], commune_id: commune.id },
  });
  const mails: Mail[] = [];
  for (const familyId of new Set(children.map((c) => c.family_id))) {
    const days = promotions
      .map((p) => ({ ...p, child: children.find((c) => c.id === p.childId) }))
      .filter((p) => p.child?.family_id === familyId)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((p) => `- ${p.child?.first_name} : ${activityName(p.activityId)}, ${frenchDate(p.date)}`);
    for (const guardian of guardians.filter((g) => g.family_id === familyId && g.email)) {
      mails.push({
        communeId: commune.id,
        to: guardian.email,
        subject: `Portail Famille de ${commune.name} : une place s'est libérée`,
        text: `Bonjour ${guardian.first_name} ${guardian.last_name},

Une place s'est libérée : la liste d'attente a laissé place à une réservation confirmée pour
${days.join('\n')}

Vous retrouvez ces jours dans le planning du Portail Famille. Si vous n'en avez plus besoin,
pensez à les annuler avant la date limite : la place ira à la famille suivante.

${signature(commune)}
`,
      });
    }
  }
  return mails;
}
