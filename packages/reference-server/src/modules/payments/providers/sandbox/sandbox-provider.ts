import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { AppContext } from '../../../../app-context.js';
import {
  type CreatedOperation,
  type CreateOperationInput,
  type ExpectedOperation,
  type Mismatch,
  messageField,
  type OperationResult,
  type PaymentOutcome,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderMessage,
} from '../provider.js';
import { SandboxOperation } from '../provider.models.js';
import { checkOperationInput, OPERATION_ID_PATTERN } from '../rules/payfip-fields.js';

const OUTCOMES: Record<SandboxOperation['status'], PaymentOutcome> = {
  open: 'pending',
  validated: 'validated',
  refused: 'refused',
  abandoned: 'abandoned',
};

/** The query / form field carrying the operation id in the sandbox's notification and return. */
export const SANDBOX_OPERATION_FIELD = 'operation';

/** The operation id of a sandbox notification or return, whatever the commune. */
export function sandboxOperationIdFrom(message: ProviderMessage): string {
  const id = messageField(message, [SANDBOX_OPERATION_FIELD])?.trim() ?? '';
  if (!OPERATION_ID_PATTERN.test(id)) throw new PaymentProviderError('malformed_notification', 'No usable operation id in the message.');
  return id;
}

export function sandboxPageUrl(publicBaseUrl: string, communeSlug: string, operationId: string): string {
  return `${publicBaseUrl}/sandbox/${encodeURIComponent(communeSlug)}/payments/${encodeURIComponent(operationId)}`;
}

/**
 * A provider whose "bank" is a page of this server (approve / refuse / abandon), so the
 * demo needs no outside service. Same interface and same flow as PayFiP: it notifies the
 * notification address server to server and sends the browser back to the return address.
 * It accepts only what PayFiP would accept, so format mistakes show in the demo too.
 */
export class SandboxProvider implements PaymentProvider {
  readonly kind = 'sandbox' as const;

  constructor(
    private readonly ctx: AppContext,
    private readonly commune: { id: string; slug: string },
  ) {}

  async createOperation(input: CreateOperationInput): Promise<CreatedOperation> {
    checkOperationInput(input);
    const now = new Date();
    const budgetYear = input.budgetYear ?? DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).year;
    const row = await this.ctx.db.write((transaction) =>
      SandboxOperation.create(
        {
          id: randomBytes(16).toString('base64url'),
          commune_id: this.commune.id,
          reference: input.reference,
          amount_cents: input.amountCents,
          label: input.label.slice(0, 200),
          payer_email: input.payerEmail.trim(),
          notify_url: input.notifyUrl,
          return_url: input.returnUrl,
          status: 'open',
          created_at: now,
          decided_at: null,
        },
        { transaction },
      ),
    );
    return {
      provider: 'sandbox',
      operationId: row.id,
      redirect: { method: 'GET', url: sandboxPageUrl(this.ctx.config.publicBaseUrl, this.commune.slug, row.id) },
      sent: { reference: row.reference, amountCents: row.amount_cents, label: row.label, budgetYear, mode: null },
      raw: JSON.stringify({ operation: row.id, status: row.status }),
      receivedAt: now,
    };
  }

  async fetchResult(expected: ExpectedOperation): Promise<OperationResult> {
    if (!OPERATION_ID_PATTERN.test(expected.operationId)) throw new PaymentProviderError('invalid_request', 'Not an operation id.');
    const row = await SandboxOperation.findOne({ where: { commune_id: this.commune.id, id: expected.operationId } });
    if (!row) throw new PaymentProviderError('unknown_operation', 'The sandbox knows no such operation in this commune.');
    const mismatches: Mismatch[] = [];
    if (row.amount_cents !== expected.amountCents)
      mismatches.push({ field: 'amount', expected: String(expected.amountCents), received: String(row.amount_cents) });
    if (row.reference !== expected.reference)
      mismatches.push({ field: 'reference', expected: expected.reference, received: row.reference });
    const decided = row.status !== 'open';
    return {
      provider: 'sandbox',
      operationId: row.id,
      outcome: OUTCOMES[row.status],
      final: decided,
      providerCode: row.status,
      amountCents: decided ? row.amount_cents : null,
      reference: row.reference,
      authorisationNumber: row.status === 'validated' ? `SBX${row.id.slice(0, 6).toUpperCase()}` : null,
      transactionAt:
        decided && row.decided_at
          ? DateTime.fromJSDate(new Date(row.decided_at), { zone: 'Europe/Paris' }).toISO({ suppressMilliseconds: true })
          : null,
      payerEmail: row.payer_email,
      mismatches,
      raw: JSON.stringify({ operation: row.id, status: row.status, amountCents: row.amount_cents, reference: row.reference }),
      receivedAt: new Date(),
    };
  }

  operationIdFrom(message: ProviderMessage): string {
    return sandboxOperationIdFrom(message);
  }
}
