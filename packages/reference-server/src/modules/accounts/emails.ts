import type { Mail } from '../../platform/mail/mailer.js';
import type { Commune } from '../communes/commune.model.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** The link to the commune's portal page; the token rides in the fragment, never sent to a server log. */
function link(commune: Commune, action: 'activate' | 'reset', token: string): string {
  const url = new URL(commune.portal_url);
  url.hash = `pf-${action}=${token}`;
  return url.toString();
}

export function signature(commune: Commune): string {
  const contact = [commune.contact_phone, commune.contact_email].filter(Boolean).join(' – ');
  return `${commune.contact_service_name}\nMairie de ${commune.name}${contact ? `\n${contact}` : ''}`;
}

export function activationMail(
  commune: Commune,
  to: { email: string; name: string },
  identifier: string,
  token: string,
  expiresAt: Date,
): Mail {
  return {
    communeId: commune.id,
    to: to.email,
    subject: `Portail Famille de ${commune.name} : activez votre compte`,
    text: `Bonjour ${to.name},

Votre compte sur le Portail Famille de ${commune.name} a été créé.

Votre identifiant : ${identifier}

Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien :
${link(commune, 'activate', token)}

Ce lien ne sert qu'une fois et reste valable jusqu'au ${dateTime.format(expiresAt)}.
Personne, pas même le service, ne connaît votre mot de passe : c'est vous qui le choisissez.

Si vous n'attendiez pas ce message, ignorez-le ou prévenez le service.

${signature(commune)}
`,
  };
}

export function resetMail(commune: Commune, to: { email: string; name: string }, identifier: string, token: string, expiresAt: Date): Mail {
  return {
    communeId: commune.id,
    to: to.email,
    subject: `Portail Famille de ${commune.name} : identifiant et mot de passe`,
    text: `Bonjour ${to.name},

Vous avez demandé votre identifiant ou un nouveau mot de passe pour le Portail Famille de ${commune.name}.

Votre identifiant : ${identifier}

Pour choisir un nouveau mot de passe, ouvrez ce lien :
${link(commune, 'reset', token)}

Ce lien ne sert qu'une fois et reste valable jusqu'au ${dateTime.format(expiresAt)}. Il débloque aussi votre compte s'il était bloqué.
Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.

${signature(commune)}
`,
  };
}
