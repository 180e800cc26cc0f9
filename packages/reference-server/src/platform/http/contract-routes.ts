import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';

/**
 * The contract's routes (express form, `/v1/communes/:commune/…`) indexed by path segment,
 * to answer which of them can match a request path. A route matches as the validator's
 * path-to-regexp compiles it (case-insensitive, one optional trailing slash, a parameter
 * being one non-empty segment); a route in any other form is always a candidate.
 */
export class RouteIndex {
  readonly #root: TrieNode = newNode();
  readonly #always: number[] = [];
  readonly #routes: readonly string[];

  constructor(routes: readonly string[]) {
    this.#routes = routes;
    routes.forEach((route, position) => {
      const segments = route.split('/').slice(1);
      if (!route.startsWith('/') || segments.some((s) => !PLAIN.test(s) && !PARAMETER.test(s))) {
        this.#always.push(position);
        return;
      }
      let node = this.#root;
      for (const segment of segments) {
        if (PARAMETER.test(segment)) node = node.parameter ??= newNode();
        else {
          const key = segment.toLowerCase();
          let next = node.fixed.get(key);
          if (!next) node.fixed.set(key, (next = newNode()));
          node = next;
        }
      }
      node.routes.push(position);
    });
  }

  /** The routes that can match `path`, in their original order. */
  candidates(path: string): string[] {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    let nodes: TrieNode[] = [this.#root];
    if (!trimmed.startsWith('/')) nodes = [];
    for (const segment of trimmed.split('/').slice(1)) {
      if (nodes.length === 0) break;
      const next: TrieNode[] = [];
      const key = segment.toLowerCase();
      for (const node of nodes) {
        const fixed = node.fixed.get(key);
        if (fixed) next.push(fixed);
        if (node.parameter && segment !== '') next.push(node.parameter);
      }
      nodes = next;
    }
    const positions = [...this.#always, ...nodes.flatMap((node) => node.routes)].sort((a, b) => a - b);
    return positions.map((position) => this.#routes[position] ?? '');
  }
}

interface TrieNode {
  fixed: Map<string, TrieNode>;
  parameter: TrieNode | null;
  routes: number[];
}

const newNode = (): TrieNode => ({ fixed: new Map(), parameter: null, routes: [] });
/** A segment matched literally (no path-to-regexp syntax in it). */
const PLAIN = /^[A-Za-z0-9_.~-]+$/;
/** A whole-segment parameter. */
const PARAMETER = /^:[A-Za-z_$][A-Za-z0-9_$]*$/;

interface ValidatorContext {
  expressRouteMap: Record<string, unknown>;
  useRequestUrl?: boolean;
}
type MetadataFactory = (this: unknown, context: ValidatorContext, responseApiDoc: unknown) => RequestHandler;

/**
 * express-openapi-validator (5.6) finds a request's operation by trying the contract's
 * routes one by one, in their sorted order, with a dozen operations each (a regular
 * expression, copies of strings, lookups): 17 routes for a booking request, up to 86 for
 * staff pages — measured at ~2 µs a route, 3% of a booking request's CPU. Here its lookup
 * is given only the routes that can match the path (`RouteIndex`), still in their order, so
 * it answers the same route. The validator reads its route map (`expressRouteMap`) at each
 * lookup; while it looks one up, the map it sees holds those candidates only. Not applied
 * if the validator no longer has these internals.
 */
export function narrowRouteLookup(): void {
  const fromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const { OpenApiValidator } = fromValidator('./openapi.validator') as {
    OpenApiValidator?: { prototype: { metadataMiddleware?: MetadataFactory & { narrowed?: true } } };
  };
  const original = OpenApiValidator?.prototype.metadataMiddleware;
  if (!OpenApiValidator || typeof original !== 'function' || original.narrowed) return;
  const narrowed: MetadataFactory & { narrowed?: true } = function (this: unknown, context, responseApiDoc) {
    const full = context.expressRouteMap;
    if (!full || typeof full !== 'object') return original.call(this, context, responseApiDoc);
    const index = new RouteIndex(Object.keys(full));
    let seen: Record<string, unknown> | null = null;
    Object.defineProperty(context, 'expressRouteMap', { configurable: true, enumerable: true, get: () => seen ?? full });
    const metadata = original.call(this, context, responseApiDoc);
    return (req, res, next) => {
      const path = (context.useRequestUrl ? req.url : req.originalUrl).split('?')[0] ?? '';
      seen = Object.fromEntries(index.candidates(path).map((route) => [route, full[route]]));
      try {
        return metadata(req, res, (error?: unknown) => {
          seen = null;
          next(error);
        });
      } finally {
        seen = null;
      }
    };
  };
  narrowed.narrowed = true;
  OpenApiValidator.prototype.metadataMiddleware = narrowed;
}
