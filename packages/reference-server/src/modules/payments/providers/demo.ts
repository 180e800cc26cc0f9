import type { AppContext } from '../../../app-context.js';
import type { Config } from '../../../platform/config.js';
import { FAKE_PAYFIP_PATH } from './pages.js';
import { savePaymentSettings } from './settings.js';

/** The régie number the demo uses with the fake PayFiP. */
export const DEMO_NUMCLI = '000123';

/**
 * `--demo`: serve the fake PayFiP on this server and point the PayFiP adapter at it, unless
 * PAYFIP_URL names another PayFiP (e.g. a fake run elsewhere).
 */
export function useFakePayfipForDemo(config: Config, env: NodeJS.ProcessEnv): void {
  if (env.PAYFIP_URL || env.NODE_ENV === 'production') return;
  config.payments.serveFakePayfip = true;
  config.payments.payfipUrl = `${config.publicBaseUrl}${FAKE_PAYFIP_PATH}`;
}

/** The demo commune pays through the sandbox page, or the fake PayFiP when DEMO_PAYMENT_PROVIDER=payfip. */
export async function seedDemoPaymentSettings(ctx: AppContext, communeId: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.DEMO_PAYMENT_PROVIDER === 'payfip')
    await savePaymentSettings(ctx, communeId, { provider: 'payfip', numcli: DEMO_NUMCLI, mode: 'T' });
  else await savePaymentSettings(ctx, communeId, { provider: 'sandbox' });
}
