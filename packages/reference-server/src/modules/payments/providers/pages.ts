import { Router } from 'express';
import type { AppContext } from '../../../app-context.js';
import { FakePayfip } from '../fake-payfip/fake-payfip.js';
import { sandboxPages } from './sandbox/sandbox-pages.js';

/** Mount path of the fake PayFiP when the server serves it (the demo). */
export const FAKE_PAYFIP_PATH = '/dev/fake-payfip';

/** Pages outside the API: the sandbox provider's payment page, and (demo) the fake PayFiP. */
export function paymentProviderPages(ctx: AppContext): Router {
  const router = Router();
  router.use(sandboxPages(ctx));
  if (ctx.config.payments.serveFakePayfip) router.use(FAKE_PAYFIP_PATH, new FakePayfip().app);
  return router;
}
