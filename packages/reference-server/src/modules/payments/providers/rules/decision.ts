import { type OperationResult, PaymentProviderError } from '../provider.js';

/**
 * How long an operation may still change: PayFiP keeps an `idOp` about 15 minutes, and a
 * parent who "abandoned" may still be on the page; after this, silence means it is over.
 */
export const LIVE_WINDOW_MS = 20 * 60 * 1000;

export type PaymentDecision =
  | { state: 'validated' }
  | { state: 'refused'; reason: 'refused' | 'abandoned' | 'expired' }
  /** Nothing decided yet: ask the provider again later (reconciliation). */
  | { state: 'pending'; reason: 'in_progress' | 'abandoned_recently' | 'provider_unreachable' }
  /** Do not apply automatically: record what came and alert staff (money may have moved). */
  | { state: 'anomaly'; reason: 'mismatch' | 'unknown_result' };

/**
 * The state a payment attempt should take, from the provider's answer (or the typed error
 * it raised) and the attempt's age. Pure: no I/O, no clock of its own.
 */
export function decidePayment(answer: OperationResult | unknown, createdAt: Date, now: Date): PaymentDecision {
  const young = now.getTime() - createdAt.getTime() < LIVE_WINDOW_MS;
  if (answer instanceof PaymentProviderError) {
    if (answer.kind === 'unknown_operation')
      return young ? { state: 'pending', reason: 'in_progress' } : { state: 'refused', reason: 'expired' };
    if (answer.kind === 'unknown_result') return { state: 'anomaly', reason: 'unknown_result' };
    return { state: 'pending', reason: 'provider_unreachable' };
  }
  if (!isResult(answer)) return { state: 'pending', reason: 'provider_unreachable' };
  if (answer.mismatches.length > 0) return { state: 'anomaly', reason: 'mismatch' };
  switch (answer.outcome) {
    case 'validated':
      return { state: 'validated' };
    case 'refused':
      return { state: 'refused', reason: 'refused' };
    case 'abandoned':
      return young && !answer.final ? { state: 'pending', reason: 'abandoned_recently' } : { state: 'refused', reason: 'abandoned' };
    case 'pending':
      return young ? { state: 'pending', reason: 'in_progress' } : { state: 'refused', reason: 'expired' };
  }
}

function isResult(value: unknown): value is OperationResult {
  return typeof value === 'object' && value !== null && 'outcome' in value && 'mismatches' in value;
}
