import fs from 'node:fs';
import { parse } from 'yaml';
import { specPath } from '../../src/platform/paths.js';

export interface Operation {
  operationId: string;
  method: string;
  path: string;
}

/** Every operation of openapi.yaml, so tests that walk the contract follow it as it grows. */
export function operations(): Operation[] {
  const spec = parse(fs.readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'patch', 'delete'].flatMap((method) => {
      const op = item[method];
      return op?.operationId ? [{ operationId: op.operationId, method: method.toUpperCase(), path }] : [];
    }),
  );
}
