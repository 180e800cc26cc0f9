import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccountLockedError,
  AuthenticationError,
  ConflictError,
  errorFromResponse,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidTokenError,
  NotFoundError,
  PortailApiError,
  type Problem,
  RateLimitError,
  ServiceUnavailableError,
  ValidationError,
  WeakPasswordError,
} from '../src/index.js';

const problem = (status: number, code: string, extra: Partial<Problem> = {}) => ({
  type: `https://portail-famille.dev/problems/${code}`,
  title: `Title of ${code}`,
  status,
  code,
  ...extra,
});

describe('errorFromResponse (no server)', () => {
  it('maps each known problem code to its class, keeping status, code and the problem', () => {
    const cases: [number, string, new (...args: never[]) => PortailApiError][] = [
      [400, 'validation_failed', ValidationError],
      [401, 'unauthenticated', AuthenticationError],
      [401, 'invalid_credentials', InvalidCredentialsError],
      [423, 'account_locked', AccountLockedError],
      [403, 'forbidden', ForbiddenError],
      [403, 'origin_not_allowed', ForbiddenError],
      [404, 'not_found', NotFoundError],
      [409, 'identifier_taken', ConflictError],
      [409, 'account_exists', ConflictError],
      [409, 'family_number_taken', ConflictError],
      [409, 'account_already_active', ConflictError],
      [409, 'idempotency_conflict', ConflictError],
      [410, 'invalid_token', InvalidTokenError],
      [422, 'weak_password', WeakPasswordError],
      [429, 'rate_limited', RateLimitError],
      [503, 'unavailable', ServiceUnavailableError],
    ];
    for (const [status, code, Class] of cases) {
      const body = problem(status, code, { detail: `detail of ${code}` });
      const error = errorFromResponse(status, body);
      assert.ok(error instanceof Class, code);
      assert.ok(error instanceof PortailApiError, code);
      assert.ok(error instanceof Error, code);
      assert.equal(error.name, Class.name);
      assert.equal(error.status, status);
      assert.equal(error.code, code);
      assert.deepEqual(error.problem, body);
      assert.equal(error.message, `detail of ${code}`, 'detail is the message');
    }
  });

  it('the code wins over the status (a 401 may be invalid_credentials or unauthenticated)', () => {
    assert.ok(errorFromResponse(401, problem(401, 'invalid_credentials')) instanceof InvalidCredentialsError);
    assert.ok(!(errorFromResponse(401, problem(401, 'invalid_credentials')) instanceof AuthenticationError));
    assert.ok(errorFromResponse(401, problem(401, 'unauthenticated')) instanceof AuthenticationError);
  });

  it('without detail the title is the message; without either a generic one naming the status', () => {
    assert.equal(errorFromResponse(404, problem(404, 'not_found')).message, 'Title of not_found');
    assert.equal(errorFromResponse(502, undefined).message, 'Request failed with status 502');
  });

  it('an internal_error problem or an unknown code stays a plain PortailApiError with the code kept', () => {
    const internal = errorFromResponse(500, problem(500, 'internal_error'));
    assert.equal(internal.constructor, PortailApiError);
    assert.equal(internal.code, 'internal_error');

    const future = errorFromResponse(409, problem(409, 'a_code_from_a_newer_server'));
    assert.equal(future.constructor, PortailApiError, 'an unknown code is not forced into a class');
    assert.equal(future.code, 'a_code_from_a_newer_server');
    assert.equal(future.status, 409);
    assert.equal(future.message, 'Title of a_code_from_a_newer_server');
  });

  it('non-problem bodies (HTML from a proxy, plain text, empty, JSON without code) fall back on the status', () => {
    const cases: [number, unknown, string, new (...args: never[]) => PortailApiError][] = [
      [502, '<html><body>Bad Gateway</body></html>', 'internal_error', PortailApiError],
      [500, undefined, 'internal_error', PortailApiError],
      [503, 'Service Unavailable', 'unavailable', ServiceUnavailableError],
      [429, '', 'rate_limited', RateLimitError],
      [401, null, 'unauthenticated', AuthenticationError],
      [403, { message: 'nope' }, 'forbidden', ForbiddenError],
      [404, { code: 404 }, 'not_found', NotFoundError],
      [400, ['not', 'an', 'object'], 'validation_failed', ValidationError],
      [418, { error: 'teapot' }, 'internal_error', PortailApiError],
    ];
    for (const [status, body, code, Class] of cases) {
      const error = errorFromResponse(status, body);
      assert.ok(error instanceof Class, `${status} ${JSON.stringify(body)}`);
      assert.equal(error.code, code, `${status} ${JSON.stringify(body)}`);
      assert.equal(error.status, status);
      assert.equal(error.problem, null, 'no problem document invented');
      assert.equal(error.retryAfter, undefined);
      assert.equal(typeof error.message, 'string');
      assert.ok(error.message.length > 0);
    }
  });

  it('retryAfter and fieldErrors are read from the problem, with safe defaults', () => {
    const locked = errorFromResponse(423, problem(423, 'account_locked', { retryAfter: 900 }));
    assert.ok(locked instanceof AccountLockedError);
    assert.equal(locked.retryAfter, 900);

    const limited = errorFromResponse(429, problem(429, 'rate_limited', { retryAfter: 0 }));
    assert.equal(limited.retryAfter, 0);

    const invalid = errorFromResponse(
      400,
      problem(400, 'validation_failed', { errors: [{ path: '/address/postalCode', message: 'must match pattern' }] }),
    );
    assert.ok(invalid instanceof ValidationError);
    assert.deepEqual(invalid.fieldErrors, [{ path: '/address/postalCode', message: 'must match pattern' }]);

    const bare = errorFromResponse(400, undefined);
    assert.ok(bare instanceof ValidationError);
    assert.deepEqual(bare.fieldErrors, []);
  });
});
