// Finds Debian's Chromium for the browser tests, installing it when we are root and it
// is missing. Nothing here downloads a browser build of its own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Flags for headless Debian Chromium as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const candidates = [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);

export function findChromium() {
  return candidates.find((path) => fs.existsSync(path)) ?? null;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is needed for the widget and end-to-end tests, and it is not installed.\n' +
        'Install it with: sudo apt-get install -y chromium   (or set CHROME_PATH to a Chromium/Chrome binary).',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = findChromium();
  if (!installed) {
    console.error('apt-get finished but no chromium binary was found.');
    process.exit(1);
  }
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
