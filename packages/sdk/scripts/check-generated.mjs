// Fails when src/schema.ts is not what openapi-typescript makes of openapi.yaml today.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../../../', import.meta.url);
const generated = astToString(await openapiTS(new URL('openapi.yaml', root)));
const committed = await readFile(fileURLToPath(new URL('../src/schema.ts', import.meta.url)), 'utf8');
const strip = (text) => text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();
if (strip(generated) !== strip(committed)) {
  console.error('packages/sdk/src/schema.ts is stale: run `npm run generate -w @portail-famille/sdk` and commit it.');
  process.exit(1);
}
console.log('SDK types match openapi.yaml.');
