import type { components } from './schema.js';

export type Problem = components['schemas']['Problem'];
export type ProblemCode = components['schemas']['ProblemCode'];

/**
 * Every failed call throws a PortailApiError (or one of its subclasses), built from the
 * server's problem+json. Branch on `code` — or on the class — never on `message`.
 */
export class PortailApiError extends Error {
  readonly status: number;
  readonly code: ProblemCode | 'network_error';
  readonly problem: Problem | null;

  constructor(status: number, code: ProblemCode | 'network_error', problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `Request failed with status ${status}`);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  /** Seconds to wait before trying again, when the server said so. */
  get retryAfter(): number | undefined {
    return this.problem?.retryAfter;
  }
}

export class ValidationError extends PortailApiError {
  get fieldErrors(): { path: string; message: string }[] {
    return this.problem?.errors ?? [];
  }
}
export class AuthenticationError extends PortailApiError {}
export class InvalidCredentialsError extends PortailApiError {}
export class AccountLockedError extends PortailApiError {}
export class ForbiddenError extends PortailApiError {}
export class NotFoundError extends PortailApiError {}
export class ConflictError extends PortailApiError {}
export class InvalidTokenError extends PortailApiError {}
export class WeakPasswordError extends PortailApiError {}
export class RateLimitError extends PortailApiError {}
export class ServiceUnavailableError extends PortailApiError {}
export class NetworkError extends PortailApiError {}
/** A refused upload: wrong type (read from the content), empty, or too large — see `code`. */
export class FileRejectedError extends PortailApiError {}

type ErrorClass = new (status: number, code: ProblemCode, problem: Problem | null) => PortailApiError;

/** The one place where a problem code becomes a class. */
const byCode: Partial<Record<ProblemCode, ErrorClass>> = {
  validation_failed: ValidationError,
  unauthenticated: AuthenticationError,
  invalid_credentials: InvalidCredentialsError,
  account_locked: AccountLockedError,
  forbidden: ForbiddenError,
  origin_not_allowed: ForbiddenError,
  not_found: NotFoundError,
  identifier_taken: ConflictError,
  account_exists: ConflictError,
  family_number_taken: ConflictError,
  account_already_active: ConflictError,
  idempotency_conflict: ConflictError,
  capacity_below_bookings: ConflictError,
  period_has_bookings: ConflictError,
  enrolment_overlaps: ConflictError,
  invalid_token: InvalidTokenError,
  weak_password: WeakPasswordError,
  rate_limited: RateLimitError,
  unavailable: ServiceUnavailableError,
  file_type_not_allowed: FileRejectedError,
  file_too_large: FileRejectedError,
  file_empty: FileRejectedError,
  attendance_in_future: ConflictError,
  child_not_enrolled: ConflictError,
  not_booked: ConflictError,
  absence_already_decided: ConflictError,
  invoice_not_creditable: ConflictError,
  credit_note_too_large: ConflictError,
  change_request_decided: ConflictError,
  change_not_applicable: ConflictError,
  too_many_attachments: ConflictError,
  too_many_pending_requests: ConflictError,
  // payments
  invoice_not_payable: ConflictError,
  payment_in_progress: ConflictError,
  online_payment_unavailable: ConflictError,
  payment_provider_unavailable: ServiceUnavailableError,
  payment_not_validated: ConflictError,
  insufficient_credit: ConflictError,
  payment_not_flagged: ConflictError,
};

const byStatus: Record<number, ProblemCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'account_exists',
  410: 'invalid_token',
  423: 'account_locked',
  429: 'rate_limited',
  503: 'unavailable',
};

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

export function errorFromResponse(status: number, body: unknown): PortailApiError {
  const problem = isProblem(body) ? body : null;
  const code: ProblemCode = problem?.code ?? byStatus[status] ?? 'internal_error';
  const Class = byCode[code] ?? PortailApiError;
  return new Class(status, code, problem);
}
