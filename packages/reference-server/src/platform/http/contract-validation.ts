import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

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
  const cache = new Map<string, CompiledPath>();
  const cached: PathToRegexp & { cached?: true } = (path, options) => {
    if (typeof path !== 'string') return compile(path, options);
    const key = `${path}\u0000${options?.sensitive}${options?.strict}${options?.end}${options?.trailing}${options?.delimiter}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compile(path, options);
      if (cache.size < MAX_CACHED_PATHS) cache.set(key, compiled);
    }
    return compiled;
  };
  cached.cached = true;
  module.pathToRegexp = cached;
}

/** Every request checked against the contract (and, when asked, every answer). */
export function contractValidation(specPath: string, validateResponses: boolean): RequestHandler[] {
  cachePathCompilation();
  return OpenApiValidator.middleware({
    apiSpec: specPath,
    // allErrors: every bad field reported at once. Safe here: bodies are capped at 64 KiB and every array has maxItems.
    validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
    validateResponses,
    validateSecurity: false,
    ignorePaths: (path: string) => !path.startsWith('/v1/'),
  });
}
