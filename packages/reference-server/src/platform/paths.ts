import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from src/ (tests) or dist/ (built) alike. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const specPath = path.join(repoRoot, 'openapi.yaml');
export const examplesDir = path.join(repoRoot, 'examples');
export const widgetBundleDir = path.join(repoRoot, 'packages/widgets/bundle');
