import type { Request } from 'express';
import type { Account } from '../../modules/accounts/account.models.js';
import type { Commune } from '../../modules/communes/commune.model.js';
import { HttpProblem } from './problem.js';

export interface AuthContext {
  account: Account;
  /** The session the bearer token belongs to (logout ends it). */
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      commune?: Commune;
      auth?: AuthContext;
    }
  }
}

/** The commune named in the path (set by the tenant middleware). */
export function communeOf(req: Request): Commune {
  if (!req.commune) throw new Error('tenant middleware did not run');
  return req.commune;
}

/** The session's account; 401 when there is none. */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw new HttpProblem(401, 'unauthenticated');
  return req.auth;
}

/** A path parameter as a string (express 5 types them loosely). */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  if (typeof value !== 'string') throw new HttpProblem(404, 'not_found');
  return value;
}
