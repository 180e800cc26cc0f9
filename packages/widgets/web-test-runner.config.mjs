// Widget tests in headless Chromium (Debian's, never a downloaded one).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/ensure-chromium.mjs';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const mockServiceWorker = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

export default {
  rootDir: here('../..'),
  files: [here('src/**/*.test.ts')],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One page at a time: msw's service worker and focus assertions are page-wide.
  concurrency: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium() ?? '/usr/lib/chromium/chromium',
        headless: true,
        args: ['--headless=new', ...CHROMIUM_ARGS],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: here('tsconfig.json') })],
  middleware: [
    // msw's worker must be served from the root so its scope covers every request.
    (context, next) => {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.body = mockServiceWorker;
        return undefined;
      }
      return next();
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8" /><script src="/node_modules/axe-core/axe.min.js"></script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
