/**
 * Every operation of the contract, fed random bodies, path parameters and query strings,
 * as anonymous and as staff: the server never answers 5xx, and every refusal is a problem.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { operations } from './support/spec.js';

const pathValue = fc.oneof(fc.string({ maxLength: 80 }), fc.uuid(), fc.constantFrom('alpha', '..', '%00', 'a'.repeat(200), '😀'));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ identifier: fc.string(), password: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }),
  fc.record({ token: fc.string({ maxLength: 250 }), password: fc.string() }, { requiredKeys: [] }),
  fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()) }, { requiredKeys: [] }),
  fc.record(
    {
      address: fc.record({ line1: fc.string(), postalCode: fc.string(), city: fc.string() }),
      guardians: fc.array(fc.record({ firstName: fc.string(), lastName: fc.string(), relation: fc.string(), email: fc.string() }), {
        maxLength: 3,
      }),
      children: fc.array(fc.record({ firstName: fc.string(), lastName: fc.string(), birthDate: fc.string() }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
);

describe('fuzzing every operation', () => {
  let t: TestServer;
  let staff: string;
  before(async () => {
    t = await startTestServer();
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('raw bytes under any content type, to every operation that takes a body (file uploads included): no 5xx', async () => {
    const withBody = operations().filter((op) => !['GET', 'DELETE'].includes(op.method));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(
          'application/pdf',
          'image/png',
          'application/octet-stream',
          'application/json',
          'text/plain',
          'multipart/form-data',
        ),
        fc.boolean(),
        async (op, bytes, type, asStaff) => {
          const path = op.path.replace('{commune}', 'alpha').replace(/\{[A-Za-z]+\}/g, 'x');
          const response = await fetch(t.url + path, {
            method: op.method,
            headers: {
              'Content-Type': type,
              'X-PF-Client': 'tests',
              'X-PF-Filename': 'x%ZZ',
              ...(asStaff ? { Authorization: `Bearer ${staff}` } : {}),
            },
            body: new Uint8Array(bytes),
          });
          await response.arrayBuffer();
          assert.ok(response.status < 500, `${op.method} ${path} (${type}) → ${response.status}`);
          if (response.status >= 400) assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
  });

  for (const op of operations()) {
    it(`${op.operationId}: no 5xx, problems only`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('alpha', 'beta'),
          pathValue,
          body,
          fc.boolean(),
          fc.dictionary(fc.constantFrom('q', 'limit', 'cursor', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
          async (commune, id, payload, asStaff, query) => {
            const path = op.path.replace('{commune}', commune).replace(/\{[A-Za-z]+\}/g, encodeURIComponent(id) || 'x');
            const search = new URLSearchParams(query).toString();
            const result = await t.api(`${path}${search ? `?${search}` : ''}`, {
              method: op.method,
              token: asStaff ? staff : null,
              ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: payload }),
            });
            assert.ok(result.status < 500, `${op.method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
            if (result.status >= 400) assert.match(result.contentType, /application\/problem\+json/);
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});
