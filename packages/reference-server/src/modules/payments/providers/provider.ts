/**
 * One interface for every online payment provider (PayFiP, the built-in sandbox).
 *
 * The flow the payment layer runs over it:
 * 1. store the payment attempt, then `createOperation()` → send the browser to `redirect`;
 * 2. the provider calls `notifyUrl` (server to server) and sends the browser back to
 *    `returnUrl`; both carry only the operation id: `operationIdFrom()` reads it;
 * 3. `fetchResult()` asks the provider itself — the only source of truth — and checks the
 *    answer against what was created (`mismatches`);
 * 4. `decidePayment()` (rules/decision.ts) turns that answer, or a typed error, and the
 *    attempt's age into the state to record.
 */

export type ProviderKind = 'payfip' | 'sandbox';

/** What the provider says happened. `abandoned`: the parent left the page (may still come back for a while). */
export type PaymentOutcome = 'validated' | 'refused' | 'abandoned' | 'pending';

export interface CreateOperationInput {
  /** Our reference of the debt (invoice or basket): 1–30 characters `[A-Za-z0-9]` (PayFiP `refdet`). */
  reference: string;
  /** Integer cents, 100 (1,00 €) to 10,000,000 (100 000 €) (PayFiP `montant`). */
  amountCents: number;
  /** Free label shown to the payer; accents and punctuation are stripped for PayFiP (`objet`, ≤ 100). */
  label: string;
  /** The payer's email, 6–80 characters (PayFiP `mel`). */
  payerEmail: string;
  /** Server-to-server notification address (PayFiP `urlnotif`). */
  notifyUrl: string;
  /** Where the browser comes back (PayFiP `urlredirect`). */
  returnUrl: string;
  /** Budget year (PayFiP `exer`); default: the current year in Europe/Paris. */
  budgetYear?: number;
}

/** Where to send the parent's browser. Both providers here use a plain GET; a form POST is allowed for others. */
export type BrowserRedirect = { method: 'GET'; url: string } | { method: 'POST'; url: string; fields: Record<string, string> };

export interface CreatedOperation {
  provider: ProviderKind;
  /** The provider's operation id (PayFiP `idOp`): store it with the attempt, unique. */
  operationId: string;
  redirect: BrowserRedirect;
  /** The values actually sent (label after cleaning, budget year, mode), to keep with the attempt. */
  sent: { reference: string; amountCents: number; label: string; budgetYear: number; mode: PayfipMode | null };
  /** The provider's answer as received, and when: keep it (audit). */
  raw: string;
  receivedAt: Date;
}

/** What the payment layer created, to check the provider's answer against. */
export interface ExpectedOperation {
  operationId: string;
  reference: string;
  amountCents: number;
}

export interface Mismatch {
  field: 'amount' | 'reference' | 'client' | 'mode' | 'operation';
  expected: string;
  received: string;
}

export interface OperationResult {
  provider: ProviderKind;
  operationId: string;
  outcome: PaymentOutcome;
  /**
   * The provider will not change this outcome any more. PayFiP: P, V, R, Z are final; A is
   * not (the parent may still be paying); the sandbox: any decision is final.
   */
  final: boolean;
  /** The provider's own code: PayFiP `resultrans` (P, V, R, Z, A) or fault code (P5); sandbox state. */
  providerCode: string;
  /** Amount the provider reports (null when it reports none, e.g. still in progress). */
  amountCents: number | null;
  reference: string | null;
  /** PayFiP `numauto`. */
  authorisationNumber: string | null;
  /** When the provider says the transaction happened (ISO 8601 with offset), from `dattrans` + `heurtrans`. */
  transactionAt: string | null;
  payerEmail: string | null;
  /**
   * Differences between the answer and what we created. Non-empty: do NOT apply the result
   * automatically — money may have moved, so record it and flag it for staff.
   */
  mismatches: Mismatch[];
  raw: string;
  receivedAt: Date;
}

/** A notification or a browser return as the HTTP layer received it (express `req.query` / `req.body`). */
export interface ProviderMessage {
  query?: unknown;
  body?: unknown;
}

export type PayfipMode = 'T' | 'X' | 'W';

export interface PaymentProvider {
  readonly kind: ProviderKind;
  /** Creates the operation at the provider. Throws PaymentProviderError (`invalid_request` before any call). */
  createOperation(input: CreateOperationInput): Promise<CreatedOperation>;
  /** Asks the provider for the operation's result; never trust anything else. */
  fetchResult(expected: ExpectedOperation): Promise<OperationResult>;
  /** The operation id carried by a notification or a browser return. Throws `malformed_notification`. */
  operationIdFrom(message: ProviderMessage): string;
}

export type PaymentProviderErrorKind =
  /** Our input breaks the provider's format (checked before any call). */
  | 'invalid_request'
  /** The provider refused the request (PayFiP functional fault), with its code and label. */
  | 'rejected'
  /** No answer in time (AbortSignal.timeout). Retry later. */
  | 'timeout'
  /** Network error, HTTP error or technical fault. Retry later. */
  | 'unavailable'
  /** An answer we cannot read (not XML, missing or ill-formed field). */
  | 'malformed_answer'
  /** The provider does not know (or no longer knows) this operation (PayFiP P1). */
  | 'unknown_operation'
  /** A result code we do not know: keep the payment pending and alert staff. */
  | 'unknown_result'
  /** A notification or return without a usable operation id. */
  | 'malformed_notification'
  /** The commune has no usable provider settings. */
  | 'not_configured';

const RETRYABLE: ReadonlySet<PaymentProviderErrorKind> = new Set(['timeout', 'unavailable', 'malformed_answer']);

export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  readonly retryable: boolean;
  constructor(
    readonly kind: PaymentProviderErrorKind,
    message: string,
    readonly details: { providerCode?: string; providerLabel?: string; raw?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = RETRYABLE.has(kind);
  }
}

/**
 * Reads a notification, finds what we created for its operation (`lookup`, null when we
 * know no such operation), and asks the provider for the result.
 */
export async function verifyNotification(
  provider: PaymentProvider,
  message: ProviderMessage,
  lookup: (operationId: string) => Promise<ExpectedOperation | null>,
): Promise<OperationResult> {
  const operationId = provider.operationIdFrom(message);
  const expected = await lookup(operationId);
  if (!expected) throw new PaymentProviderError('unknown_operation', 'No payment attempt has this operation id.');
  return provider.fetchResult(expected);
}

/** Reads one named field from a query or form body, whatever the case of its name. */
export function messageField(message: ProviderMessage, names: readonly string[]): string | null {
  for (const source of [message.body, message.query]) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of Object.entries(source)) {
      if (names.includes(key.toLowerCase())) {
        if (typeof value === 'string') return value;
        if (Array.isArray(value) && value.length > 0 && value.every((v) => v === value[0]) && typeof value[0] === 'string') return value[0];
        return null;
      }
    }
  }
  return null;
}
