import { DateTime } from 'luxon';
import {
  type CreatedOperation,
  type CreateOperationInput,
  type ExpectedOperation,
  type Mismatch,
  messageField,
  type OperationResult,
  type PayfipMode,
  type PaymentOutcome,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderMessage,
} from '../provider.js';
import { checkNumcli, checkOperationInput, OPERATION_ID_PATTERN, PAYFIP_MODES, payfipLabel } from '../rules/payfip-fields.js';
import {
  PAYMENT_PAGE_PATH,
  type PayfipOperation,
  readAnswer,
  requestEnvelope,
  SECURE_SERVICE_PATH,
  type SoapFault,
  XmlError,
} from './soap.js';

export interface PayfipSettings {
  /** PayFiP's web address, e.g. https://www.payfip.gouv.fr (the fake PayFiP's in tests and the demo). */
  baseUrl: string;
  /** The régie's client number, 6 digits. */
  numcli: string;
  /** T test, X acceptance (activation), W production. */
  mode: PayfipMode;
  /** Per SOAP call; public clients use 15 s. */
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** `resultrans` → our outcome. Anything else is unknown: keep pending, alert staff. */
const RESULTS: Record<string, PaymentOutcome> = { P: 'validated', V: 'validated', R: 'refused', Z: 'refused', A: 'abandoned' };
/** Functional fault: operation still in progress. */
const IN_PROGRESS = 'P5';
/** Functional fault: unknown or purged idOp. */
const UNKNOWN_OPERATION = 'P1';
/** The most we read of an answer (a real one is well under 2 KiB). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** PayFiP sends `idOp` (form body or query string; some clients see `idop`), whatever the régie. */
export function payfipOperationIdFrom(message: ProviderMessage): string {
  const idOp = messageField(message, ['idop'])?.trim() ?? '';
  if (!OPERATION_ID_PATTERN.test(idOp)) throw new PaymentProviderError('malformed_notification', 'No usable idOp in the message.');
  return idOp;
}

/** PayFiP's web-service protocol (SOAP 1.1 over HTTP, parsed with a real XML parser). */
export class PayfipProvider implements PaymentProvider {
  readonly kind = 'payfip' as const;
  readonly #settings: PayfipSettings;
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;

  constructor(settings: PayfipSettings) {
    checkNumcli(settings.numcli);
    if (!PAYFIP_MODES.includes(settings.mode)) throw new PaymentProviderError('invalid_request', 'mode: T, X or W.');
    this.#settings = { ...settings, baseUrl: settings.baseUrl.replace(/\/+$/, '') };
    this.#fetch = settings.fetch ?? fetch;
    this.#now = settings.now ?? (() => new Date());
  }

  get numcli(): string {
    return this.#settings.numcli;
  }

  async createOperation(input: CreateOperationInput): Promise<CreatedOperation> {
    checkOperationInput(input);
    const budgetYear = input.budgetYear ?? DateTime.fromJSDate(this.#now(), { zone: 'Europe/Paris' }).year;
    const label = payfipLabel(input.label);
    const { answer, raw, receivedAt } = await this.#call('creerPaiementSecurise', {
      numcli: this.#settings.numcli,
      exer: String(budgetYear),
      refdet: input.reference,
      objet: label,
      montant: String(input.amountCents),
      mel: input.payerEmail.trim(),
      urlnotif: input.notifyUrl,
      urlredirect: input.returnUrl,
      saisie: this.#settings.mode,
    });
    if (answer.kind === 'fault') throw this.#faultError(answer.fault, raw);
    const idOp = answer.fields.get('idOp')?.trim() ?? '';
    if (!OPERATION_ID_PATTERN.test(idOp)) throw new PaymentProviderError('malformed_answer', 'The answer holds no usable idOp.', { raw });
    return {
      provider: 'payfip',
      operationId: idOp,
      redirect: { method: 'GET', url: `${this.#settings.baseUrl}${PAYMENT_PAGE_PATH}?idop=${encodeURIComponent(idOp)}` },
      sent: { reference: input.reference, amountCents: input.amountCents, label, budgetYear, mode: this.#settings.mode },
      raw,
      receivedAt,
    };
  }

  async fetchResult(expected: ExpectedOperation): Promise<OperationResult> {
    if (!OPERATION_ID_PATTERN.test(expected.operationId)) throw new PaymentProviderError('invalid_request', 'Not an idOp.');
    const { answer, raw, receivedAt } = await this.#call('recupererDetailPaiementSecurise', { idOp: expected.operationId });
    const base = { provider: 'payfip' as const, operationId: expected.operationId, raw, receivedAt };
    if (answer.kind === 'fault') {
      if (answer.fault.kind === 'FonctionnelleErreur' && answer.fault.code === IN_PROGRESS) {
        return {
          ...base,
          outcome: 'pending',
          final: false,
          providerCode: IN_PROGRESS,
          amountCents: null,
          reference: null,
          authorisationNumber: null,
          transactionAt: null,
          payerEmail: null,
          mismatches: [],
        };
      }
      throw this.#faultError(answer.fault, raw);
    }
    const f = answer.fields;
    const malformed = (what: string) => new PaymentProviderError('malformed_answer', `The detail answer: ${what}.`, { raw });
    const resultrans = (f.get('resultrans') ?? '').trim();
    if (resultrans === '') throw malformed('no resultrans');
    const montant = (f.get('montant') ?? '').trim();
    if (!/^[0-9]{1,9}$/.test(montant)) throw malformed('montant is not an amount in cents');
    const refdet = (f.get('refdet') ?? '').trim();
    const numcli = (f.get('numcli') ?? '').trim();
    if (refdet === '' || numcli === '') throw malformed('refdet or numcli missing');
    const outcome = RESULTS[resultrans];
    if (!outcome)
      throw new PaymentProviderError('unknown_result', `PayFiP answered an unknown result code "${resultrans}".`, {
        providerCode: resultrans,
        raw,
      });
    const amountCents = Number.parseInt(montant, 10);
    const mismatches: Mismatch[] = [];
    const compare = (field: Mismatch['field'], wanted: string, got: string | undefined) => {
      if (got !== undefined && got.trim() !== wanted) mismatches.push({ field, expected: wanted, received: got.trim() });
    };
    compare('amount', String(expected.amountCents), String(amountCents));
    compare('reference', expected.reference, refdet);
    compare('client', this.#settings.numcli, numcli);
    compare('mode', this.#settings.mode, f.get('saisie'));
    compare('operation', expected.operationId, f.get('idOp'));
    return {
      ...base,
      outcome,
      final: outcome !== 'abandoned',
      providerCode: resultrans,
      amountCents,
      reference: refdet,
      authorisationNumber: f.get('numauto')?.trim() || null,
      transactionAt: transactionInstant(f.get('dattrans'), f.get('heurtrans')),
      payerEmail: f.get('mel')?.trim() || null,
      mismatches,
    };
  }

  operationIdFrom(message: ProviderMessage): string {
    return payfipOperationIdFrom(message);
  }

  /** `recupererDetailClient`: checks a client number at configuration time. */
  async checkClient(numcli = this.#settings.numcli): Promise<{ numcli: string; fields: Record<string, string> }> {
    checkNumcli(numcli);
    const { answer, raw } = await this.#call('recupererDetailClient', { numCli: numcli });
    if (answer.kind === 'fault') throw this.#faultError(answer.fault, raw);
    return { numcli, fields: Object.fromEntries(answer.fields) };
  }

  #faultError(fault: SoapFault, raw: string): PaymentProviderError {
    const details = { providerCode: fault.code, providerLabel: fault.label, raw };
    if (fault.kind === 'FonctionnelleErreur') {
      if (fault.code === UNKNOWN_OPERATION) return new PaymentProviderError('unknown_operation', `PayFiP: ${fault.label}`, details);
      return new PaymentProviderError('rejected', `PayFiP refused (${fault.code}): ${fault.label}`, details);
    }
    return new PaymentProviderError('unavailable', `PayFiP technical fault ${fault.kind}: ${fault.label}`, details);
  }

  async #call(operation: PayfipOperation, fields: Record<string, string>) {
    const url = `${this.#settings.baseUrl}${SECURE_SERVICE_PATH}`;
    let status: number;
    let raw: string | null;
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', Accept: 'text/xml' },
        body: requestEnvelope(operation, fields),
        redirect: 'error',
        signal: AbortSignal.timeout(this.#settings.timeoutMs),
      });
      status = response.status;
      raw = await readCapped(response, MAX_ANSWER_BYTES);
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        throw new PaymentProviderError('timeout', `PayFiP did not answer ${operation} within ${this.#settings.timeoutMs} ms.`, {
          cause: error,
        });
      throw new PaymentProviderError('unavailable', `PayFiP could not be reached (${operation}).`, { cause: error });
    }
    const receivedAt = new Date();
    if (raw === null)
      throw new PaymentProviderError('malformed_answer', `PayFiP's answer to ${operation} is larger than ${MAX_ANSWER_BYTES} bytes.`);
    try {
      // SOAP 1.1 faults come with HTTP 500; other statuses carry no SOAP answer.
      if (status !== 200 && status !== 500) throw new XmlError(`HTTP ${status}`);
      return { answer: readAnswer(raw, operation), raw, receivedAt };
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      const kind = status === 200 ? 'malformed_answer' : 'unavailable';
      throw new PaymentProviderError(kind, `PayFiP's answer to ${operation} cannot be read (HTTP ${status}): ${error.message}`, { raw });
    }
  }
}

/** The body as UTF-8 text, or null (and the rest left unread) when it exceeds `limit` bytes. */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `dattrans` DDMMYYYY + `heurtrans` HHMM, Paris time → ISO 8601 with offset (null when absent or ill-formed). */
export function transactionInstant(dattrans: string | undefined, heurtrans: string | undefined): string | null {
  const date = dattrans?.trim() ?? '';
  const time = heurtrans?.trim() || '0000';
  if (!/^[0-9]{8}$/.test(date) || !/^[0-9]{4}$/.test(time)) return null;
  const instant = DateTime.fromFormat(`${date}${time}`, 'ddMMyyyyHHmm', { zone: 'Europe/Paris' });
  return instant.isValid ? instant.toISO({ suppressMilliseconds: true }) : null;
}
