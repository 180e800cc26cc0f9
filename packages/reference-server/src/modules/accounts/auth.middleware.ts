import type { RequestHandler } from 'express';
import { communeOf } from '../../platform/http/context.js';
import { HttpProblem } from '../../platform/http/problem.js';
import type { Role } from './account.models.js';
import { sessionOfAccessToken } from './sessions.js';

/** Reads the bearer token, if any, into `req.auth`. Never refuses by itself. */
export const readSession: RequestHandler = async (req, _res, next) => {
  const header = req.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  if (match?.[1]) {
    const found = await sessionOfAccessToken(communeOf(req).id, match[1]);
    if (found) req.auth = found;
  }
  next();
};

export const requireSession: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : new HttpProblem(401, 'unauthenticated'));
};

export const requireGuardian: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(new HttpProblem(401, 'unauthenticated'));
  next(req.auth.account.kind === 'guardian' ? undefined : new HttpProblem(403, 'forbidden', 'Only a parent account has a family.'));
};

/** A staff account holding one of `roles`. */
export function requireStaff(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const account = req.auth?.account;
    if (!account) return next(new HttpProblem(401, 'unauthenticated'));
    const ok = account.kind === 'staff' && account.roleList.some((role) => roles.includes(role));
    next(ok ? undefined : new HttpProblem(403, 'forbidden'));
  };
}
