import express, { type Request, type Response, Router } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../../../../app-context.js';
import { Commune } from '../../../communes/commune.model.js';
import { SandboxOperation } from '../provider.models.js';
import { OPERATION_ID_PATTERN } from '../rules/payfip-fields.js';
import { SANDBOX_OPERATION_FIELD } from './sandbox-provider.js';

/** Like PayFiP's idOp, a sandbox operation can be paid for 15 minutes. */
const OPERATION_LIFE_MS = 15 * 60 * 1000;
const DECISIONS = { payer: 'validated', refuser: 'refused', abandonner: 'abandoned' } as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function withOperation(url: string, id: string): string {
  const target = new URL(url);
  target.searchParams.set(SANDBOX_OPERATION_FIELD, id);
  return target.toString();
}

function origin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The sandbox provider's payment page: /sandbox/:commune/payments/:operation. Strict CSP
 * (no script at all; a form POST and a stylesheet of its own). The operation id is a
 * 128-bit random secret, and a decision is taken once (conditional update).
 */
export function sandboxPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/sandbox/payment.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=300');
    res.send(PAGE_CSS);
  });

  async function load(req: Request): Promise<{ commune: Commune; op: SandboxOperation } | null> {
    const slug = req.params.commune;
    const id = req.params.operation;
    if (typeof slug !== 'string' || slug.length > 40 || typeof id !== 'string' || !OPERATION_ID_PATTERN.test(id)) return null;
    const commune = await Commune.findOne({ where: { slug } });
    if (!commune) return null;
    const op = await SandboxOperation.findOne({ where: { commune_id: commune.id, id } });
    return op ? { commune, op } : null;
  }

  function send(res: Response, status: number, title: string, body: string, returnUrl: string | null): void {
    const back = returnUrl ? origin(returnUrl) : null;
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'${back ? ` ${back}` : ''}; base-uri 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res
      .status(status)
      .type('html')
      .send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — paiement de démonstration</title><link rel="stylesheet" href="/sandbox/payment.css"></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}</main></body></html>`);
  }

  function summary(commune: Commune, op: SandboxOperation): string {
    const amount = (op.amount_cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
    return `<dl>
<dt>Collectivité</dt><dd>${escapeHtml(commune.name)}</dd>
<dt>Objet</dt><dd>${escapeHtml(op.label)}</dd>
<dt>Référence</dt><dd>${escapeHtml(op.reference)}</dd>
<dt>Montant</dt><dd>${escapeHtml(amount)}</dd>
</dl>`;
  }

  const notFound = (res: Response) =>
    send(res, 404, 'Paiement introuvable', '<p>Cette page de paiement n’existe pas ou n’est plus valable.</p>', null);

  router.get('/sandbox/:commune/payments/:operation', async (req, res) => {
    if (!ctx.config.payments.sandboxAllowed) return notFound(res);
    const found = await load(req);
    if (!found) return notFound(res);
    const { commune, op } = found;
    const back = `<p><a href="${escapeHtml(withOperation(op.return_url, op.id))}">Revenir au portail famille</a></p>`;
    if (op.status !== 'open')
      return send(res, 200, 'Paiement déjà traité', `<p>Ce paiement a déjà été traité.</p>${summary(commune, op)}${back}`, op.return_url);
    if (Date.now() - new Date(op.created_at).getTime() > OPERATION_LIFE_MS)
      return send(
        res,
        200,
        'Délai dépassé',
        `<p>Le délai pour payer est dépassé. Recommencez depuis le portail.</p>${back}`,
        op.return_url,
      );
    const amount = (op.amount_cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
    send(
      res,
      200,
      'Paiement de démonstration',
      `<p class="notice">Bac à sable : aucun argent ne circule. Choisissez ce que la banque répond.</p>
${summary(commune, op)}
<form method="post">
<button type="submit" name="choix" value="payer">Payer ${escapeHtml(amount)}</button>
<button type="submit" name="choix" value="refuser">Simuler un refus de la banque</button>
<button type="submit" name="choix" value="abandonner">Abandonner et revenir au portail</button>
</form>`,
      op.return_url,
    );
  });

  router.post('/sandbox/:commune/payments/:operation', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    if (!ctx.config.payments.sandboxAllowed) return notFound(res);
    const found = await load(req);
    if (!found) return notFound(res);
    const { commune, op } = found;
    const choice: unknown = (req.body as Record<string, unknown> | undefined)?.choix;
    const status = typeof choice === 'string' && Object.hasOwn(DECISIONS, choice) ? DECISIONS[choice as keyof typeof DECISIONS] : null;
    if (!status) return send(res, 400, 'Choix inconnu', '<p>Ce choix n’existe pas.</p>', op.return_url);
    const liveSince = new Date(Date.now() - OPERATION_LIFE_MS);
    const [changed] = await ctx.db.write((transaction) =>
      SandboxOperation.update(
        { status, decided_at: new Date() },
        { where: { commune_id: commune.id, id: op.id, status: 'open', created_at: { [Op.gt]: liveSince } }, transaction },
      ),
    );
    if (changed !== 1)
      return send(
        res,
        409,
        'Paiement déjà traité',
        `<p>Ce paiement a déjà été traité ou n’est plus valable.</p>${summary(commune, op)}`,
        op.return_url,
      );
    // As PayFiP does: tell the server first (server to server), then send the browser back.
    await notify(op);
    res.redirect(303, withOperation(op.return_url, op.id));
  });
  return router;
}

async function notify(op: SandboxOperation): Promise<void> {
  try {
    const response = await fetch(op.notify_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [SANDBOX_OPERATION_FIELD]: op.id }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
  } catch (error) {
    // A lost notification is a case the payment layer handles (it asks the provider later).
    console.warn(`[sandbox] notification for ${op.id} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const PAGE_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f4;color:#1b1b1b}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.5rem;box-shadow:0 1px 3px #0002}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.notice{background:#fff4e5;padding:.5rem;border-left:4px solid #b34000}
form{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1rem;border:1px solid #1f5f3a;border-radius:.25rem;background:#fff;color:#1f5f3a;cursor:pointer}
button[value=payer]{background:#1f5f3a;color:#fff}button:focus-visible,a:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}`;
