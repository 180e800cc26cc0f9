import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { inOrder } from '../src/platform/http/in-order.js';

// Middlewares mounted as one layer behave as express 5 runs them one after the other.
describe('middlewares in order, as one layer', () => {
  const req = {} as Request;
  const res = {} as Response;
  /** Runs `handler` and answers what it passed to express's next (after promises settle). */
  const run = async (handler: RequestHandler): Promise<unknown[]> => {
    const calls: unknown[] = [];
    const next = ((error?: unknown) => calls.push(error ?? 'next')) as NextFunction;
    handler(req, res, next);
    await new Promise((resolve) => setImmediate(resolve));
    return calls;
  };

  it('runs each in turn, then goes on to what follows the layer', async () => {
    const seen: string[] = [];
    const mark =
      (name: string): RequestHandler =>
      (_req, _res, next) => {
        seen.push(name);
        next();
      };
    const later: RequestHandler = async (_req, _res, next) => {
      await Promise.resolve();
      seen.push('async');
      next();
    };
    assert.deepEqual(await run(inOrder([mark('a'), later, mark('b')])), ['next']);
    assert.deepEqual(seen, ['a', 'async', 'b']);
  });

  it('stops at an error — passed on, thrown, or a rejected promise — and hands it to express', async () => {
    const never: RequestHandler = () => assert.fail('runs after an error');
    const failure = new Error('refused');
    assert.deepEqual(await run(inOrder([(_req, _res, next) => next(failure), never])), [failure]);
    const thrown = inOrder([
      () => {
        throw failure;
      },
      never,
    ]);
    assert.deepEqual(await run(thrown), [failure]);
    const rejected = inOrder([
      async () => {
        throw failure;
      },
      never,
    ]);
    assert.deepEqual(await run(rejected), [failure]);
  });

  it('a handler that answers and calls nothing ends the request there', async () => {
    const answered: RequestHandler = () => undefined;
    assert.deepEqual(await run(inOrder([answered, () => assert.fail('runs after the answer')])), []);
  });

  it('refuses an error handler, which express would call differently', () => {
    const errorHandler = ((_error: unknown, _req: Request, _res: Response, next: NextFunction) => next()) as unknown as RequestHandler;
    assert.throws(() => inOrder([errorHandler]), /error handler/);
  });
});
