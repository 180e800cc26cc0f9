#!/usr/bin/env node
import { DEMO, seedDemo } from './demo/seed.js';
import { runScheduledBillings } from './modules/billing/scheduled-runs.js';
import { useFakePayfipForDemo } from './modules/payments/providers/demo.js';
import { loadConfig } from './platform/config.js';
import { listen, prepare } from './server.js';

/** `node dist/main.js [--demo]`: serve; with --demo, create the demo commune on first start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const demo = process.argv.includes('--demo');
  if (demo) useFakePayfipForDemo(config, process.env);
  const ctx = await prepare(config);
  if (demo) await seedDemo(ctx);
  const server = await listen(ctx);
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  console.log(`Portail Famille reference server on ${config.publicBaseUrl} (${where}).`);
  if (demo) {
    console.log(`
  Site de démonstration : ${config.publicBaseUrl}/examples/
  Boîte d'envoi (e-mails) : ${config.publicBaseUrl}/dev/outbox${ctx.mailer.usesOutbox ? '' : ' (désactivée : SMTP configuré)'}
  Contrat de l'API      : ${config.publicBaseUrl}/openapi.yaml${
    config.payments.serveFakePayfip
      ? `
  PayFiP simulé         : ${config.payments.payfipUrl}`
      : ''
  }

  Parent  : ${DEMO.parent.identifier} / ${DEMO.parent.password}
  Agent   : ${DEMO.staff.identifier} / ${DEMO.staff.password}
  En attente d'activation : ${DEMO.pendingParent} (lien dans la boîte d'envoi)
`);
  }
  // Monthly billing runs of the communes that asked for them (billing settings, autoRunDay).
  const billingCheck = setInterval(
    () => ctx.background.run('scheduled billing', async () => void (await runScheduledBillings(ctx, new Date()))),
    60 * 60 * 1000,
  );
  billingCheck.unref();
  const stop = async () => {
    clearInterval(billingCheck);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
