import type { RequestHandler } from 'express';
import { OutboxMail } from './outbox.model.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => escapeHtml(s).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

/**
 * The demo's mailbox: every mail the server would have sent, newest first, with
 * clickable links — so a visitor can follow an activation link with no mail server.
 */
export const outboxPage: RequestHandler = async (_req, res) => {
  const mails = await OutboxMail.findAll({ order: [['created_at', 'DESC']], limit: 50 });
  const items = mails
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p class="meta">À : ${escapeHtml(m.to_address)} — ${escapeHtml(m.created_at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))}</p>
<pre>${linkify(m.text_body)}</pre></article>`,
    )
    .join('\n');
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boîte d'envoi de démonstration</title><link rel="stylesheet" href="/examples/outbox.css">
<link rel="icon" href="/examples/logo-val-de-loire.svg" type="image/svg+xml"></head>
<body><main><h1>Boîte d'envoi de démonstration</h1>
<p>Aucun serveur SMTP n'est configuré : les e-mails du portail sont gardés ici au lieu d'être envoyés.
<a href="/examples/">Retour au site de la commune</a></p>
${items || '<p>Aucun e-mail pour l’instant.</p>'}</main></body></html>`);
};
