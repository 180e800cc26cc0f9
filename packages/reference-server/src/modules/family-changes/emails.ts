import type { Mail } from '../../platform/mail/mailer.js';
import { signature } from '../accounts/emails.js';
import type { Commune } from '../communes/commune.model.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** The link to the commune's portal page; the token rides in the fragment, never in a server log. */
function confirmLink(commune: Commune, token: string): string {
  const url = new URL(commune.portal_url);
  url.hash = `pf-confirm-email=${token}`;
  return url.toString();
}

/** Sent to the NEW address: proves the parent reads it. */
export function confirmEmailMail(commune: Commune, to: { email: string; name: string }, token: string, expiresAt: Date): Mail {
  return {
    communeId: commune.id,
    to: to.email,
    subject: `Portail Famille de ${commune.name} : confirmez votre nouvelle adresse e-mail`,
    text: `Bonjour ${to.name},

Vous avez demandé que le Portail Famille de ${commune.name} vous écrive désormais à cette adresse.

Pour confirmer ce changement, ouvrez ce lien :
${confirmLink(commune, token)}

Ce lien ne sert qu'une fois et reste valable jusqu'au ${dateTime.format(expiresAt)}.
Tant que vous ne l'avez pas ouvert, nous continuons d'écrire à votre ancienne adresse.

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

${signature(commune)}
`,
  };
}

/** Sent to the OLD address once the change is done, so a parent notices a change they did not make. */
export function emailChangedNotice(commune: Commune, to: { email: string; name: string }, newEmail: string): Mail {
  return {
    communeId: commune.id,
    to: to.email,
    subject: `Portail Famille de ${commune.name} : votre adresse e-mail a changé`,
    text: `Bonjour ${to.name},

L'adresse e-mail de votre compte sur le Portail Famille de ${commune.name} vient d'être remplacée par ${newEmail}.
Nous n'écrirons plus à cette adresse-ci.

Si vous n'êtes pas à l'origine de ce changement, prévenez le service au plus vite.

${signature(commune)}
`,
  };
}
