import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { AppContext } from './app-context.js';
import { retentionTick } from './modules/data-rights/retention.js';
import { startPaymentReconciler } from './modules/payments/reconciler.js';
import { BackgroundTasks } from './platform/background.js';
import type { Config } from './platform/config.js';
import { PasswordHasher } from './platform/crypto/passwords.js';
import { openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { initModels } from './platform/db/models.js';
import { createMailer } from './platform/mail/mailer.js';

export interface RunningServer {
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/** Opens (and migrates) the database, then serves. The database is created on first start. */
export async function prepare(config: Config): Promise<AppContext> {
  const db = openDatabase(config);
  initModels(db.sequelize);
  await migrate(db);
  return { config, db, mailer: createMailer(config, db), hasher: new PasswordHasher(config.argon2), background: new BackgroundTasks() };
}

export async function listen(ctx: AppContext, port = ctx.config.port): Promise<RunningServer> {
  const app = createApp(ctx);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, ctx.config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port: actual } = server.address() as AddressInfo;
  // Retention of inactive families' data: a cheap check on an interval, a purge once a day per commune.
  const { checkMinutes } = ctx.config.retention;
  if (checkMinutes > 0) ctx.background.every('retention', checkMinutes * 60_000, async () => void (await retentionTick(ctx)));
  const stopReconciler = startPaymentReconciler(ctx);
  return {
    ctx,
    url: `http://localhost:${actual}`,
    async close() {
      stopReconciler();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      ctx.background.stop();
      await ctx.background.idle();
      ctx.mailer.close();
      await ctx.db.close();
    },
  };
}
