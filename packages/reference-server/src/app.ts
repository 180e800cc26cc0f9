import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express } from 'express';
import type { AppContext } from './app-context.js';
import { readSession } from './modules/accounts/auth.middleware.js';
import { authRoutes } from './modules/accounts/auth.routes.js';
import { staffAccountRoutes } from './modules/accounts/staff-accounts.routes.js';
import { attendanceRoutes } from './modules/attendance/attendance.routes.js';
import { billingRoutes } from './modules/billing/billing.routes.js';
import { bookingRoutes } from './modules/bookings/bookings.routes.js';
import { catalogueRoutes } from './modules/bookings/catalogue.routes.js';
import { communeRoutes } from './modules/communes/communes.routes.js';
import { dataRightsRoutes } from './modules/data-rights/data-rights.routes.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { familyRoutes } from './modules/families/families.routes.js';
import { familyChangeRoutes } from './modules/family-changes/family-changes.routes.js';
import { paymentRoutes } from './modules/payments/payments.routes.js';
import { paymentProviderPages } from './modules/payments/providers/pages.js';
import { contractValidation } from './platform/http/contract-validation.js';
import { communeCors } from './platform/http/cors.js';
import { inOrder } from './platform/http/in-order.js';
import { errorHandler, HttpProblem, notFoundHandler } from './platform/http/problem.js';
import { ipRateLimit } from './platform/http/rate-limit.js';
import { routersByRoute } from './platform/http/route-dispatch.js';
import { apiHeaders, bundleHeaders, examplePageHeaders } from './platform/http/security-headers.js';
import { loadCommune } from './platform/http/tenant.js';
import { outboxPage } from './platform/mail/outbox-page.js';
import { examplesDir, specPath, widgetBundleDir } from './platform/paths.js';

const COMMUNE = '/v1/communes/:commune';

export function createApp(ctx: AppContext): Express {
  const { config, db } = ctx;
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: API answers are `no-store` (personal data), so one would never be
  // used, and each costs a hash of the body. Static files (express.static) keep theirs.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const publicOrigin = new URL(config.publicBaseUrl).origin;

  // --- the API -------------------------------------------------------------------
  // Consecutive middlewares of one path are mounted as one layer each (inOrder): fewer
  // layers for express to match on every request.
  app.use('/v1', inOrder([...apiHeaders, ipRateLimit(db, 'api', config.rateLimits.apiPerIp, 1, 'batched')]));
  app.use('/v1/health', cors({ origin: true, credentials: false }));
  app.use(COMMUNE, inOrder([loadCommune, ...communeCors(publicOrigin)]));
  // The payment provider notifies with a form (PayFiP `idOp=…`): that one path reads forms.
  app.use(`${COMMUNE}/payment-notifications`, express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }));
  app.use('/v1', inOrder([express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] }), cookieParser()]));
  app.use(inOrder(contractValidation(specPath, config.validateResponses)));

  app.get('/v1/health', async (_req, res) => {
    try {
      await db.sequelize.authenticate();
    } catch {
      throw new HttpProblem(503, 'unavailable', 'The database does not answer.');
    }
    res.json({ status: 'ok', database: db.dialect, version: '0.1.0' });
  });
  app.use(
    COMMUNE,
    inOrder([
      readSession,
      routersByRoute(COMMUNE, [
        communeRoutes(ctx),
        authRoutes(ctx),
        familyRoutes(ctx),
        staffAccountRoutes(ctx),
        bookingRoutes(ctx),
        catalogueRoutes(ctx),
        attendanceRoutes(ctx),
        billingRoutes(ctx),
        paymentRoutes(ctx),
        familyChangeRoutes(ctx),
        documentRoutes(ctx),
        dataRightsRoutes(ctx),
      ]),
    ]),
  );
  app.use('/v1', notFoundHandler);

  // --- what a webmaster loads, and the demo ----------------------------------------
  app.get('/openapi.yaml', (_req, res) => res.type('application/yaml').sendFile(specPath));
  // A module script from another site is fetched in CORS mode: the bundle is public, so `*`.
  // The sandbox provider's payment page (and, in the demo, the fake PayFiP): pages of their own, outside the API.
  app.use(paymentProviderPages(ctx));
  app.use('/widgets', bundleHeaders, cors({ origin: '*', credentials: false }), express.static(widgetBundleDir, { maxAge: '5m' }));
  if (config.serveExamples) {
    app.use('/examples', examplePageHeaders(publicOrigin), express.static(examplesDir));
    app.get('/', (_req, res) => res.redirect('/examples/'));
    if (ctx.mailer.usesOutbox) app.get('/dev/outbox', examplePageHeaders(publicOrigin), outboxPage);
  }

  app.use(errorHandler);
  return app;
}
