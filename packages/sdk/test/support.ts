import net from 'node:net';
import type { CreateFamilyRequest } from '../src/index.js';

/** A fetch that records every request it passes on (URL, method, headers) to `inner`. */
export function recordingFetch(inner: typeof globalThis.fetch = globalThis.fetch) {
  const requests: { method: string; url: URL; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers) });
    return inner(request);
  };
  const to = (pattern: RegExp) => requests.filter((r) => pattern.test(r.url.pathname));
  return { fetch, requests, to };
}

/** A local port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A valid family body, with one guardian and one child named `last`. */
export function familyBody(last: string, email = `${last.toLowerCase()}@example.fr`): CreateFamilyRequest {
  return {
    address: { line1: '3 rue des Écoles', postalCode: '44000', city: 'Nantes' },
    guardians: [{ firstName: 'Claire', lastName: last, relation: 'mother', email }],
    children: [{ firstName: 'Hugo', lastName: last, birthDate: '2017-09-12', grade: 'CM1' }],
  };
}
