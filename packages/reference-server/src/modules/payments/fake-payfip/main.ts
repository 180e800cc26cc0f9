#!/usr/bin/env node
import { startFakePayfip } from './fake-payfip.js';

/**
 * `node dist/modules/payments/fake-payfip/main.js`: a fake PayFiP on its own port
 * (FAKE_PAYFIP_PORT, default 8090), to point a server at with PAYFIP_URL. Never production.
 */
const port = Number.parseInt(process.env.FAKE_PAYFIP_PORT ?? '8090', 10);
const running = await startFakePayfip(port, process.env.FAKE_PAYFIP_HOST ?? '127.0.0.1');
console.log(`Fake PayFiP on ${running.url} — set PAYFIP_URL=${running.url}`);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
