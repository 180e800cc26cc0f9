import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

export type ProblemCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'account_locked'
  | 'forbidden'
  | 'not_found'
  | 'identifier_taken'
  | 'account_exists'
  | 'family_number_taken'
  | 'account_already_active'
  | 'invalid_token'
  | 'weak_password'
  | 'rate_limited'
  | 'origin_not_allowed'
  | 'idempotency_conflict'
  | 'unavailable'
  | 'internal_error'
  | 'capacity_below_bookings'
  | 'period_has_bookings'
  | 'enrolment_overlaps'
  | 'file_type_not_allowed'
  | 'file_too_large'
  | 'file_empty'
  | 'attendance_in_future'
  | 'child_not_enrolled'
  | 'not_booked'
  | 'absence_already_decided'
  // billing
  | 'invoice_not_creditable'
  | 'credit_note_too_large'
  | 'change_request_decided'
  | 'change_not_applicable'
  | 'too_many_attachments'
  | 'too_many_pending_requests'
  // payments
  | 'invoice_not_payable'
  | 'payment_in_progress'
  | 'online_payment_unavailable'
  | 'payment_provider_unavailable'
  | 'payment_not_validated'
  | 'insufficient_credit'
  | 'payment_not_flagged';

const titles: Record<ProblemCode, string> = {
  validation_failed: 'The request does not match the API contract.',
  unauthenticated: 'A valid session is required.',
  invalid_credentials: 'Wrong identifier or password.',
  account_locked: 'Too many failed attempts: this account is locked for a while.',
  forbidden: 'This account may not do that.',
  not_found: 'Not found.',
  identifier_taken: 'This identifier is already used.',
  account_exists: 'This guardian already has an account.',
  family_number_taken: 'Another family already has this number.',
  account_already_active: 'This account is already active.',
  invalid_token: 'This link is no longer valid (already used or expired).',
  weak_password: 'This password is too weak.',
  rate_limited: 'Too many requests; try again later.',
  origin_not_allowed: 'This site may not call the API of this commune.',
  idempotency_conflict: 'This Idempotency-Key was used for a different request.',
  unavailable: 'The service is unavailable.',
  internal_error: 'Something went wrong on our side.',
  capacity_below_bookings: 'Some days already hold more bookings than this capacity.',
  period_has_bookings: 'This period already holds booking requests.',
  enrolment_overlaps: 'The child is already enrolled in this activity over part of these dates.',
  file_type_not_allowed: 'Only a PDF, JPEG or PNG file is accepted (its type is read from its content).',
  file_too_large: 'This file is too large.',
  file_empty: 'This file is empty.',
  attendance_in_future: 'Attendance cannot be recorded for a day still to come.',
  child_not_enrolled: 'This child is not enrolled in this activity that day.',
  not_booked: 'This day is not booked for this child.',
  absence_already_decided: 'Staff have already decided this absence.',
  invoice_not_creditable: 'This invoice can no longer be credited this way (cancelled, or already paid).',
  credit_note_too_large: 'A credit note may not exceed the amount still due on the invoice.',
  change_request_decided: 'Staff have already decided this change request.',
  change_not_applicable: 'This change does not fit the family as it is.',
  too_many_attachments: 'This request already has as many files as it may.',
  too_many_pending_requests: 'This family already has as many requests waiting for the service as it may.',
  invoice_not_payable: 'Nothing is due on this invoice (paid, or cancelled).',
  payment_in_progress: 'A payment of this invoice is already in progress; wait for the bank to answer.',
  online_payment_unavailable: 'This commune takes no online payment.',
  payment_provider_unavailable: 'The payment service does not answer; try again later.',
  payment_not_validated: 'This payment is not validated (yet): there is no receipt.',
  insufficient_credit: "The family's credit does not cover this amount.",
  payment_not_flagged: 'This payment is not waiting for a staff decision (settled already, or never flagged).',
};

/** An error a handler throws to answer an RFC 9457 problem. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { retryAfter?: number; errors?: { path: string; message: string }[]; dates?: string[] } = {},
  ) {
    super(detail ?? titles[code]);
  }
}

export function sendProblem(res: Response, problem: HttpProblem): void {
  if (problem.extra.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.extra.retryAfter));
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `https://portail-famille.dev/problems/${problem.code}`,
        title: titles[problem.code],
        status: problem.status,
        code: problem.code,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...problem.extra,
      }),
    );
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new HttpProblem(404, 'not_found'));

interface ValidatorError {
  status?: number;
  errors?: { path?: string; message?: string }[];
  message?: string;
}

/** Whether the operation takes a file as its body (the contract lists `application/octet-stream`). */
function acceptsFiles(req: Request): boolean {
  const openapi = (req as Request & { openapi?: { schema?: { requestBody?: { content?: Record<string, unknown> } } } }).openapi;
  return openapi?.schema?.requestBody?.content?.['application/octet-stream'] !== undefined;
}

/** The one error handler: everything becomes problem+json; never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof HttpProblem) return sendProblem(res, err);
  const e = err as ValidatorError & { type?: string };
  if (e.type === 'entity.too.large') return sendProblem(res, new HttpProblem(413, 'validation_failed', 'The request body is too large.'));
  if (e.type === 'entity.parse.failed')
    return sendProblem(res, new HttpProblem(400, 'validation_failed', 'The request body is not valid JSON.'));
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const errors = (e.errors ?? []).map((x) => ({ path: x.path ?? '', message: x.message ?? '' }));
    if (e.status === 404) return sendProblem(res, new HttpProblem(404, 'not_found'));
    if (e.status === 405) return sendProblem(res, new HttpProblem(405, 'validation_failed', 'Method not allowed.'));
    if (e.status === 401) return sendProblem(res, new HttpProblem(401, 'unauthenticated'));
    if (e.status === 415) {
      if (acceptsFiles(req)) return sendProblem(res, new HttpProblem(415, 'file_type_not_allowed'));
      return sendProblem(res, new HttpProblem(415, 'validation_failed', 'Send application/json.'));
    }
    return sendProblem(res, new HttpProblem(400, 'validation_failed', e.message, { errors }));
  }
  // A response that breaks the contract (validateResponses) lands here too: a bug of ours.
  console.error(`[${req.method} ${req.path}]`, err);
  sendProblem(res, new HttpProblem(500, 'internal_error'));
};
