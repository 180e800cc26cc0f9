import { randomInt, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Response } from 'express';
import { DateTime } from 'luxon';
import {
  escapeXml,
  type FaultKind,
  faultEnvelope,
  PAYMENT_PAGE_PATH,
  type PayfipOperation,
  readRequest,
  responseEnvelope,
  SECURE_SERVICE_PATH,
  XmlError,
} from '../providers/payfip/soap.js';

/**
 * A fake PayFiP that speaks the real protocol (shared PAYFIP.md): SOAP 1.1 on
 * /tpa/services/securite (creerPaiementSecurise, recupererDetailPaiementSecurise,
 * recupererDetailClient) and a payment page on /tpa/paiementws.web?idop=… with pay /
 * refuse / abandon. It notifies `urlnotif` server to server and sends the browser back to
 * `urlredirect`. Knobs (`scenario`) make it misbehave the way the real one can.
 * Used by the tests and mounted by the demo; never by a production server.
 */

export interface FakeScenario {
  /** Copies of each notification, sent concurrently; 0 = the notification never comes. */
  notificationCopies: number;
  /** 'before-return': notify, then redirect the browser; 'after-return': redirect first, notify `notificationDelayMs` later. */
  notificationTiming: 'before-return' | 'after-return';
  notificationDelayMs: number;
  /** The notification as a form POST (`idOp=…` in the body) or a GET with `?idOp=…` (both are seen). */
  notificationMethod: 'POST' | 'GET';
  /** Wait this long before answering a SOAP call (to make clients time out). */
  answerDelayMs: Partial<Record<PayfipOperation, number>>;
  /** Added to the `montant` the detail answer reports (amount mismatch). */
  detailAmountDeltaCents: number;
  /** Answer SOAP calls with something broken. */
  brokenAnswer: null | 'not-xml' | 'not-soap' | 'no-resultrans' | 'bad-montant' | 'http-502' | 'technical-fault' | 'unknown-resultrans';
  /** What "Payer" means: card (P, refusal R) or direct debit (V, refusal Z). */
  method: 'card' | 'debit';
}

export const DEFAULT_SCENARIO: FakeScenario = {
  notificationCopies: 1,
  notificationTiming: 'before-return',
  notificationDelayMs: 0,
  notificationMethod: 'POST',
  answerDelayMs: {},
  detailAmountDeltaCents: 0,
  brokenAnswer: null,
  method: 'card',
};

export interface FakeOperation {
  idOp: string;
  numcli: string;
  exer: string;
  refdet: string;
  objet: string;
  montant: string;
  mel: string;
  saisie: string;
  urlnotif: string;
  urlredirect: string;
  createdAt: Date;
  resultrans: string | null;
  numauto: string;
  decidedAt: Date | null;
}

export interface FakeNotification {
  idOp: string;
  url: string;
  status: number | 'error';
  at: Date;
}

/** An idOp lives about 15 minutes; the page refuses it afterwards. */
const OPERATION_LIFE_MS = 15 * 60 * 1000;
const CREATE_FIELDS = ['numcli', 'exer', 'refdet', 'objet', 'montant', 'mel', 'saisie', 'urlnotif', 'urlredirect'] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

class Refusal extends Error {
  constructor(
    readonly kind: FaultKind,
    readonly code: string,
    label: string,
  ) {
    super(label);
  }
}

export class FakePayfip {
  readonly app: Express;
  readonly operations = new Map<string, FakeOperation>();
  /** Every SOAP call received, in order: which operation, with which fields. */
  readonly calls: { operation: string; fields: Record<string, string>; soapAction: string | undefined }[] = [];
  readonly notifications: FakeNotification[] = [];
  scenario: FakeScenario = structuredClone(DEFAULT_SCENARIO);
  /** Client numbers PayFiP knows; null: any 6-digit number. */
  knownClients: Set<string> | null = null;
  now: () => Date = () => new Date();
  readonly #pending = new Set<Promise<void>>();

  constructor() {
    this.app = express();
    this.app.disable('x-powered-by');
    this.app.post(SECURE_SERVICE_PATH, express.text({ type: () => true, limit: '64kb' }), (req, res) => {
      void this.#soap(typeof req.body === 'string' ? req.body : '', req.get('content-type') ?? '', req.get('soapaction'), res);
    });
    this.app.get(PAYMENT_PAGE_PATH, (req, res) => {
      const idOp = typeof req.query.idop === 'string' ? req.query.idop : '';
      this.#page(res, this.operations.get(idOp) ?? null);
    });
    this.app.post(PAYMENT_PAGE_PATH, express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
      const body = req.body as Record<string, unknown>;
      void this.#choice(res, typeof body.idop === 'string' ? body.idop : '', body.choix);
    });
    // For a browser test driving a fake it cannot reach in process: PUT a partial scenario (JSON), DELETE to reset.
    this.app.put('/__scenario', express.json({ limit: '4kb' }), (req, res) => {
      const changes = req.body as Partial<FakeScenario> | undefined;
      if (!changes || typeof changes !== 'object') return void res.status(400).json({ error: 'a JSON object' });
      const unknown = Object.keys(changes).filter((key) => !Object.hasOwn(DEFAULT_SCENARIO, key));
      if (unknown.length > 0) return void res.status(400).json({ error: `unknown keys: ${unknown.join(', ')}` });
      this.scenario = { ...this.scenario, ...structuredClone(changes) };
      res.json(this.scenario);
    });
    this.app.delete('/__scenario', (_req, res) => {
      this.scenario = structuredClone(DEFAULT_SCENARIO);
      res.json(this.scenario);
    });
    this.app.get('/tpa/fake-payfip.css', (_req, res) => {
      res.type('text/css').send(PAGE_CSS);
    });
  }

  reset(): void {
    this.scenario = structuredClone(DEFAULT_SCENARIO);
    this.knownClients = null;
    this.now = () => new Date();
  }

  /** As if the parent had finished on the page with this `resultrans` (P, V, R, Z, A or anything). Sends the notifications. */
  async decide(idOp: string, resultrans: string): Promise<FakeOperation> {
    const op = this.operations.get(idOp);
    if (!op) throw new Error(`no operation ${idOp}`);
    op.resultrans = resultrans;
    op.decidedAt = this.now();
    op.numauto = resultrans === 'P' || resultrans === 'V' ? String(randomInt(100000, 999999)) : '';
    await this.#notify(op);
    return op;
  }

  /** Waits for the notifications still to be sent (delayed ones included). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #notify(op: FakeOperation): Promise<void> {
    const copies = this.scenario.notificationCopies;
    const send = async () => {
      await Promise.all(Array.from({ length: copies }, () => this.#sendOne(op)));
    };
    if (this.scenario.notificationTiming === 'before-return') return send();
    const delay = this.scenario.notificationDelayMs;
    const later = sleep(delay)
      .then(send)
      .finally(() => this.#pending.delete(later));
    this.#pending.add(later);
  }

  async #sendOne(op: FakeOperation): Promise<void> {
    let status: number | 'error';
    try {
      const form = new URLSearchParams({ idOp: op.idOp }).toString();
      const get = this.scenario.notificationMethod === 'GET';
      const target = new URL(op.urlnotif);
      if (get) target.searchParams.set('idOp', op.idOp);
      const response = await fetch(target, {
        method: get ? 'GET' : 'POST',
        ...(get ? {} : { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form }),
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'error';
    }
    this.notifications.push({ idOp: op.idOp, url: op.urlnotif, status, at: new Date() });
  }

  async #soap(text: string, contentType: string, soapAction: string | undefined, res: Response): Promise<void> {
    let operation = '';
    try {
      if (!/^text\/xml\b/i.test(contentType)) throw new Refusal('TechProtocolaireErreur', 'T1', 'SOAP 1.1 attend text/xml.');
      let fields: Map<string, string>;
      try {
        ({ operation, fields } = readRequest(text));
      } catch (error) {
        throw new Refusal('TechProtocolaireErreur', 'T2', error instanceof XmlError ? error.message : 'requête illisible');
      }
      const plain = Object.fromEntries(fields);
      this.calls.push({ operation, fields: plain, soapAction });
      const delay = this.scenario.answerDelayMs[operation as PayfipOperation] ?? 0;
      if (delay > 0) await sleep(delay);
      const broken = this.scenario.brokenAnswer;
      if (broken === 'http-502') return void res.status(502).type('text/html').send('<html><body>Bad gateway</body></html>');
      if (broken === 'not-xml') return void res.status(200).type('text/xml').send('Service momentanément indisponible');
      if (broken === 'not-soap') return void res.status(200).type('text/xml').send('<html><body>maintenance</body></html>');
      if (broken === 'technical-fault') throw new Refusal('TechIndisponibiliteErreur', 'T9', 'Service indisponible');
      const answer = this.#answer(operation, fields);
      res
        .status(200)
        .type('text/xml; charset=utf-8')
        .send(responseEnvelope(operation as PayfipOperation, answer));
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal('TechDysfonctionnementErreur', 'T0', 'Erreur interne');
      if (!res.headersSent)
        res
          .status(500)
          .type('text/xml; charset=utf-8')
          .send(faultEnvelope(refusal.kind, refusal.code, refusal.message));
    }
  }

  #answer(operation: string, fields: Map<string, string>): Record<string, string> {
    switch (operation) {
      case 'creerPaiementSecurise':
        return { idOp: this.#create(fields).idOp };
      case 'recupererDetailPaiementSecurise':
        return this.#detail(fields.get('idOp') ?? '');
      case 'recupererDetailClient': {
        const numcli = fields.get('numCli') ?? '';
        if (!/^[0-9]{6}$/.test(numcli) || (this.knownClients && !this.knownClients.has(numcli)))
          throw new Refusal('FonctionnelleErreur', 'C1', 'Client inconnu');
        return { numcli, libelleN1: 'REGIE DE DEMONSTRATION' };
      }
      default:
        throw new Refusal('TechProtocolaireErreur', 'T3', `Opération inconnue : ${operation}`);
    }
  }

  #create(fields: Map<string, string>): FakeOperation {
    const bad = (field: string) => new Refusal('FonctionnelleErreur', 'V1', `Paramètre invalide : ${field}`);
    for (const name of CREATE_FIELDS) if (!fields.has(name)) throw bad(name);
    const get = (name: (typeof CREATE_FIELDS)[number]) => fields.get(name) ?? '';
    if (!/^[0-9]{6}$/.test(get('numcli'))) throw bad('numcli');
    if (this.knownClients && !this.knownClients.has(get('numcli'))) throw new Refusal('FonctionnelleErreur', 'C1', 'Client inconnu');
    if (!/^[0-9]{4}$/.test(get('exer'))) throw bad('exer');
    if (!/^[A-Za-z0-9]{1,30}$/.test(get('refdet'))) throw bad('refdet');
    if (!/^[A-Za-z0-9 ]{0,100}$/.test(get('objet'))) throw bad('objet');
    const montant = Number(get('montant'));
    if (!/^[0-9]+$/.test(get('montant')) || montant < 100 || montant > 10_000_000) throw bad('montant');
    const mel = get('mel');
    if (mel.length < 6 || mel.length > 80 || !mel.includes('@')) throw bad('mel');
    if (!['T', 'X', 'W'].includes(get('saisie'))) throw bad('saisie');
    for (const url of ['urlnotif', 'urlredirect'] as const) {
      try {
        if (!/^https?:$/.test(new URL(get(url)).protocol)) throw bad(url);
      } catch {
        throw bad(url);
      }
    }
    const op: FakeOperation = {
      idOp: randomUUID().replaceAll('-', ''),
      numcli: get('numcli'),
      exer: get('exer'),
      refdet: get('refdet'),
      objet: get('objet'),
      montant: get('montant'),
      mel,
      saisie: get('saisie'),
      urlnotif: get('urlnotif'),
      urlredirect: get('urlredirect'),
      createdAt: this.now(),
      resultrans: null,
      numauto: '',
      decidedAt: null,
    };
    this.operations.set(op.idOp, op);
    return op;
  }

  #detail(idOp: string): Record<string, string> {
    const op = this.operations.get(idOp);
    if (!op) throw new Refusal('FonctionnelleErreur', 'P1', 'IdOp incorrect ou inconnu');
    if (op.resultrans === null || op.decidedAt === null) throw new Refusal('FonctionnelleErreur', 'P5', 'Transaction en cours');
    const broken = this.scenario.brokenAnswer;
    const at = DateTime.fromJSDate(op.decidedAt, { zone: 'Europe/Paris' });
    const answer: Record<string, string> = {
      dattrans: at.toFormat('ddMMyyyy'),
      exer: op.exer,
      heurtrans: at.toFormat('HHmm'),
      idOp: op.idOp,
      mel: op.mel,
      montant: String(Number(op.montant) + this.scenario.detailAmountDeltaCents),
      numauto: op.numauto,
      numcli: op.numcli,
      objet: op.objet,
      refdet: op.refdet,
      resultrans: broken === 'unknown-resultrans' ? 'Q' : op.resultrans,
      saisie: op.saisie,
    };
    if (broken === 'no-resultrans') delete answer.resultrans;
    if (broken === 'bad-montant') answer.montant = '12,50';
    return answer;
  }

  #page(res: Response, op: FakeOperation | null, notice?: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const returnOrigin = op ? safeOrigin(op.urlredirect) : null;
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'self'; form-action 'self'${returnOrigin ? ` ${returnOrigin}` : ''}; base-uri 'none'; frame-ancestors 'none'`,
    );
    if (!op)
      return void res
        .status(404)
        .type('html')
        .send(pageHtml('Opération inconnue', '<p>Cette opération de paiement est inconnue ou a expiré.</p>'));
    const amount = (Number(op.montant) / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
    const summary = `<dl>
<dt>Objet</dt><dd>${escapeXml(op.objet)}</dd>
<dt>Référence</dt><dd>${escapeXml(op.refdet)}</dd>
<dt>Montant</dt><dd>${escapeXml(amount)}</dd>
<dt>Régie</dt><dd>${escapeXml(op.numcli)} (exercice ${escapeXml(op.exer)})</dd>
<dt>Courriel</dt><dd>${escapeXml(op.mel)}</dd>
</dl>`;
    const back = `<p><a href="${escapeXml(withIdOp(op.urlredirect, op.idOp))}">Retourner sur le site de la collectivité</a></p>`;
    if (op.resultrans !== null)
      return void res
        .type('html')
        .send(
          pageHtml(
            'Opération terminée',
            `${notice ? `<p role="status">${escapeXml(notice)}</p>` : ''}<p>Cette opération de paiement est terminée.</p>${summary}${back}`,
          ),
        );
    if (this.now().getTime() - op.createdAt.getTime() > OPERATION_LIFE_MS)
      return void res.type('html').send(pageHtml('Opération expirée', `<p>Le délai de paiement est dépassé.</p>${back}`));
    res.type('html').send(
      pageHtml(
        'Paiement sécurisé',
        `<p class="fake">Simulation de PayFiP : aucune carte n'est débitée.</p>${summary}
<form method="post" action="paiementws.web">
<input type="hidden" name="idop" value="${escapeXml(op.idOp)}">
<button type="submit" name="choix" value="payer">Payer ${escapeXml(amount)}</button>
<button type="submit" name="choix" value="refuser">Simuler un refus de la banque</button>
<button type="submit" name="choix" value="abandonner">Abandonner et revenir au site</button>
</form>`,
      ),
    );
  }

  async #choice(res: Response, idOp: string, choice: unknown): Promise<void> {
    const op = this.operations.get(idOp);
    if (!op || op.resultrans !== null || this.now().getTime() - op.createdAt.getTime() > OPERATION_LIFE_MS)
      return this.#page(res, op ?? null);
    const debit = this.scenario.method === 'debit';
    const resultrans =
      choice === 'payer' ? (debit ? 'V' : 'P') : choice === 'refuser' ? (debit ? 'Z' : 'R') : choice === 'abandonner' ? 'A' : null;
    if (!resultrans) return this.#page(res, op, 'Choix inconnu.');
    await this.decide(op.idOp, resultrans);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, withIdOp(op.urlredirect, op.idOp));
  }
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function withIdOp(url: string, idOp: string): string {
  const target = new URL(url);
  target.searchParams.set('idOp', idOp);
  return target.toString();
}

function pageHtml(title: string, content: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)} — PayFiP (simulation)</title><link rel="stylesheet" href="fake-payfip.css"></head>
<body><header><p class="brand">PayFiP — simulation</p></header><main><h1>${escapeXml(title)}</h1>
${content}</main></body></html>`;
}

const PAGE_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f5fe;color:#161616}
header{background:#000091;color:#fff;padding:.75rem 1.5rem}.brand{margin:0;font-weight:700}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.fake{background:#fff4e5;padding:.5rem;border-left:4px solid #b34000}
form{display:flex;flex-direction:column;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1rem;border:1px solid #000091;border-radius:.25rem;background:#fff;color:#000091;cursor:pointer}
button[value=payer]{background:#000091;color:#fff}button:focus-visible,a:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}`;

/** Runs a fake PayFiP on its own port (tests). */
export async function startFakePayfip(port = 0, host = '127.0.0.1'): Promise<{ fake: FakePayfip; url: string; close(): Promise<void> }> {
  const fake = new FakePayfip();
  const server: Server = await new Promise((resolve, reject) => {
    const s = fake.app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    fake,
    url: `http://${host}:${actual}`,
    async close() {
      await fake.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
