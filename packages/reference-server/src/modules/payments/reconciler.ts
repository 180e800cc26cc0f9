import type { AppContext } from '../../app-context.js';
import { Commune } from '../communes/commune.model.js';
import { reconcileCommune } from './payment-service.js';

/** Leave the notification and the parent's return a little time before asking ourselves. */
const GRACE_MS = 2 * 60 * 1000;

/**
 * The reconciliation job: every `payments.reconcileEveryMs`, asks the provider about the
 * online payments still pending in every commune. Answers a function that stops it.
 */
export function startPaymentReconciler(ctx: AppContext): () => void {
  const every = ctx.config.payments.reconcileEveryMs;
  if (!every || every <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    ctx.background.run('payment reconciliation', async () => {
      try {
        for (const commune of await Commune.findAll()) await reconcileCommune(ctx, commune, GRACE_MS);
      } finally {
        running = false;
      }
    });
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
