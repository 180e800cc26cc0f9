import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { narrowRouteLookup } from './contract-routes.js';

interface CompiledPath {
  regexp: RegExp;
  keys: { name: string }[];
}
type PathToRegexp = (path: string, options?: Record<string, unknown>) => CompiledPath;

/** More distinct paths than any contract has: past this, something compiles paths made from requests. */
const MAX_CACHED_PATHS = 2000;

/**
 * express-openapi-validator (5.6) finds the operation of each request by compiling every
 * path of the contract with path-to-regexp, again on every request, and throws the result
 * away (an upstream fix that caches them is proposed, not released). Measured in the
 * booking-rush benchmark: ~0.8 ms of CPU per request — more than the rest of the
 * validation. What it compiles depends only on the path and the options, so the copy of
 * path-to-regexp that the validator loads answers each pair from a cache. Callers only
 * read the result (`regexp.exec`, `keys`), which is why one object can serve them all.
 */
function cachePathCompilation(): void {
  const fromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const module = fromValidator('path-to-regexp') as { pathToRegexp: PathToRegexp & { cached?: true } };
  const compile = module.pathToRegexp;
  if (compile.cached) return;
  // By path, then by options: the validator asks for every path of the contract on every
  // request, so the lookup builds no string (the paths are the same string objects each time).
  const cache = new Map<string, Map<number | string, CompiledPath>>();
  const cached: PathToRegexp & { cached?: true } = (path, options) => {
    if (typeof path !== 'string') return compile(path, options);
    const variant = variantOf(options);
    let byOptions = cache.get(path);
    let compiled = byOptions?.get(variant);
    if (!compiled) {
      compiled = compile(path, options);
      if (!byOptions && cache.size < MAX_CACHED_PATHS) cache.set(path, (byOptions = new Map()));
      byOptions?.set(variant, compiled);
    }
    return compiled;
  };
  cached.cached = true;
  module.pathToRegexp = cached;
}

/** The options of a compilation as a number (each flag unset, false or true), or as text when they hold more. */
function variantOf(options: Record<string, unknown> | undefined): number | string {
  if (!options) return 0;
  const { sensitive, strict, end, trailing, delimiter } = options;
  const s = flagOf(sensitive);
  const t = flagOf(strict);
  const e = flagOf(end);
  const r = flagOf(trailing);
  if (delimiter !== undefined || s < 0 || t < 0 || e < 0 || r < 0) return JSON.stringify([sensitive, strict, end, trailing, delimiter]);
  return 1 + s * 27 + t * 9 + e * 3 + r;
}

const flagOf = (flag: unknown): number => (flag === undefined ? 0 : flag === false ? 1 : flag === true ? 2 : -1);

/** Every request checked against the contract (and, when asked, every answer). */
export function contractValidation(specPath: string, validateResponses: boolean): RequestHandler[] {
  cachePathCompilation();
  narrowRouteLookup();
  return OpenApiValidator.middleware({
    apiSpec: specPath,
    // allErrors: every bad field reported at once. Safe here: bodies are capped at 64 KiB and every array has maxItems.
    validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
    validateResponses,
    validateSecurity: false,
    ignorePaths: (path: string) => !path.startsWith('/v1/'),
  });
}
