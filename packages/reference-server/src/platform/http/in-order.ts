import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares mounted as one: express then matches one layer on every request
 * instead of one per middleware (a path test and some bookkeeping each; the API's chain had
 * seventeen). Each handler is called as express 5 calls it: a throw, or a promise that
 * rejects, goes to `next(error)`; `next()` goes on to the following one, and after the last
 * to whatever express has after this layer. Error handlers (four arguments) are refused:
 * express would skip them, or call them with the error, which this does not do.
 */
export function inOrder(handlers: readonly RequestHandler[]): RequestHandler {
  for (const handler of handlers) {
    if (handler.length > 3) throw new Error(`inOrder: ${handler.name || 'a handler'} is an error handler`);
  }
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise) result.catch((reason: unknown) => step(reason || new Error('Rejected promise')));
      } catch (thrown) {
        step(thrown || new Error('Thrown without a value'));
      }
    };
    step();
  };
}
