import cors from 'cors';
import type { RequestHandler } from 'express';
import { communeOf } from './context.js';
import { HttpProblem } from './problem.js';

/**
 * CORS per commune: only the origins the commune listed (plus the server's own) may call
 * its API from a browser, with credentials (the refresh cookie). Never `*`.
 * A state-changing request from a foreign origin is refused outright, so a browser that
 * ignores CORS for a "simple" request still cannot change anything.
 */
export function communeCors(publicOrigin: string): RequestHandler[] {
  const allowed = (origin: string, communeOrigins: string[]) => origin === publicOrigin || communeOrigins.includes(origin);
  return [
    cors((req, callback) => {
      const origin = req.headers.origin;
      const commune = (req as typeof req & { commune?: { allowedOrigins: string[] } }).commune;
      const ok = typeof origin === 'string' && commune !== undefined && allowed(origin, commune.allowedOrigins);
      callback(null, {
        origin: ok,
        credentials: true,
        allowedHeaders: ['Content-Type', 'Authorization', 'X-PF-Client', 'Idempotency-Key', 'Accept-Language', 'X-PF-Filename'],
        exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'Content-Disposition'],
        maxAge: 600,
      });
    }),
    (req, _res, next) => {
      const origin = req.headers.origin;
      if (origin && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !allowed(origin, communeOf(req).allowedOrigins)) {
        return next(new HttpProblem(403, 'origin_not_allowed'));
      }
      next();
    },
  ];
}
