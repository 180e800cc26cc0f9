import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express, { type Request, Router } from 'express';
import { routersByRoute } from '../src/platform/http/route-dispatch.js';

// The domain routers get each request straight from the route the contract validator
// matched; what it did not match still goes through every router, in order.
describe('routers dispatched by route', () => {
  const PREFIX = '/v1/communes/:commune';
  let base: string;
  let close: () => void;
  const visited: string[] = [];

  before(async () => {
    const families = Router({ mergeParams: true });
    families.get('/families/:familyId', (req, res) => {
      visited.push('families');
      res.json({ commune: (req.params as Record<string, string>).commune, family: req.params.familyId });
    });
    // Would take any request about a child if the request went through this router first.
    families.all('/children/*rest', (_req, res) => {
      visited.push('families (any child)');
      res.status(418).end();
    });
    const bookings = Router({ mergeParams: true });
    bookings.post('/children/:childId/requests', (req, res) => {
      visited.push('bookings');
      res.status(201).json({ commune: (req.params as Record<string, string>).commune, child: req.params.childId });
    });
    bookings.get('/not-in-the-contract', (_req, res) => {
      visited.push('bookings (fallback)');
      res.json({ ok: true });
    });
    const app = express();
    // What the validator leaves on a request it matched (express-openapi-validator's `req.openapi`).
    app.use((req, _res, next) => {
      const known: Record<string, string> = {
        'GET /v1/communes/alpha/families/f1': `${PREFIX}/families/:familyId`,
        'POST /v1/communes/alpha/children/c1/requests': `${PREFIX}/children/:childId/requests`,
      };
      const route = known[`${req.method} ${req.path}`];
      if (route) (req as Request & { openapi?: unknown }).openapi = { expressRoute: route };
      next();
    });
    app.use(PREFIX, routersByRoute(PREFIX, [families, bookings]));
    app.use((_req, res) => {
      res.status(404).json({ missing: true });
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(() => close());

  it('hands a matched request to the router of its route, without passing through the others', async () => {
    visited.length = 0;
    const booked = await fetch(`${base}/v1/communes/alpha/children/c1/requests`, { method: 'POST' });
    assert.equal(booked.status, 201);
    assert.deepEqual(await booked.json(), { commune: 'alpha', child: 'c1' });
    const family = await fetch(`${base}/v1/communes/alpha/families/f1`);
    assert.deepEqual(await family.json(), { commune: 'alpha', family: 'f1' });
    assert.deepEqual(visited, ['bookings', 'families']);
  });

  it('tries every router for a request the contract did not match, and lets the rest of the app answer when none has it', async () => {
    visited.length = 0;
    const fallback = await fetch(`${base}/v1/communes/alpha/not-in-the-contract`);
    assert.deepEqual(await fallback.json(), { ok: true });
    assert.deepEqual(visited, ['bookings (fallback)']);
    const missing = await fetch(`${base}/v1/communes/alpha/nowhere`);
    assert.equal(missing.status, 404);
  });

  it('refuses, when the app starts, a router with middleware of its own', () => {
    const withMiddleware = Router();
    withMiddleware.use((_req, _res, next) => next());
    assert.throws(() => routersByRoute(PREFIX, [withMiddleware]), /middleware of its own/);
  });
});
