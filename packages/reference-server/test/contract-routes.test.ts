import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { RouteIndex } from '../src/platform/http/contract-routes.js';
import { operations } from './support/spec.js';

// The copy of path-to-regexp the validator matches with.
const { pathToRegexp } = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'))('path-to-regexp') as {
  pathToRegexp: (path: string, options: { sensitive: boolean; strict: boolean }) => { regexp: RegExp };
};

// The validator tries the contract's routes in order and takes the first that matches; it
// is now given only RouteIndex's candidates. The first match must be the same route.
describe('contract routes indexed by segment', () => {
  const routes = [...new Set(operations().map((op) => op.path.replace(/\{([^}]+)\}/g, ':$1')))];
  const index = new RouteIndex(routes);
  const firstMatch = (list: readonly string[], path: string) =>
    list.find((route) => pathToRegexp(route, { sensitive: false, strict: false }).regexp.exec(path));

  it('finds the route the linear scan finds, for every route of the contract and its variants', () => {
    const samples = routes.flatMap((route) => {
      const filled = route.replace(/:([A-Za-z]+)/g, (_m, name: string) => `x-${name}-01a24f31`);
      return [
        filled,
        `${filled}/`,
        filled.toUpperCase(),
        `${filled}/extra`,
        filled.replace(/\/[^/]+$/, ''),
        `${filled}?a=1`.split('?')[0] ?? '',
      ];
    });
    for (const path of samples) assert.equal(firstMatch(index.candidates(path), path), firstMatch(routes, path), path);
  });

  it('a static segment wins over a parameter when the contract lists it first, as before', () => {
    const path = '/v1/communes/alpha/booking-requests';
    assert.equal(firstMatch(index.candidates(path), path), firstMatch(routes, path));
    assert.ok(index.candidates('/v1/communes/alpha/booking-requests/r1').includes('/v1/communes/:commune/booking-requests/:requestId'));
  });

  it('nothing for paths no route can match: empty segments, other prefixes', () => {
    assert.deepEqual(index.candidates('/v1/communes//children'), []);
    assert.deepEqual(index.candidates('/v2/communes/alpha/children'), []);
    assert.deepEqual(index.candidates('relative/path'), []);
  });

  it('a route it cannot index is always a candidate', () => {
    const odd = new RouteIndex(['/files/:name.pdf', '/a/:b']);
    assert.deepEqual(odd.candidates('/a/1'), ['/files/:name.pdf', '/a/:b']);
    assert.deepEqual(odd.candidates('/files/x.pdf'), ['/files/:name.pdf']);
  });
});
