import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * API answers: nothing to render, nothing to cache (personal data), never framed.
 * helmet's defaults are adjusted where they are wrong for us (see shared SECURITY.md).
 */
export const apiHeaders: RequestHandler[] = [
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  }),
  (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  },
];

/** The widget bundle is loaded by other sites' pages: it must be cross-origin readable. */
export const bundleHeaders: RequestHandler = helmet({
  contentSecurityPolicy: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
});

/**
 * The example pages run under the strict policy a careful commune site would have
 * (no inline script or style, no eval), which proves the widgets need none.
 */
export function examplePageHeaders(apiOrigin: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", apiOrigin],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Public demo files (the commune logo) are shown by other sites' pages too.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}
