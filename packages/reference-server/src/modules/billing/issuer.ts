import type { Commune } from '../communes/commune.model.js';
import { logoOf } from '../communes/logo.js';
import { settingsOf } from './billing-run.js';
import type { Issuer } from './pdf-layout.js';

/** Who issues the commune's documents: the billing service's address and the commune's logo. */
export async function issuerOf(commune: Commune): Promise<Issuer> {
  const [settings, logo] = await Promise.all([settingsOf(commune.id), logoOf(commune)]);
  return { address: settings.issuer_address, logo };
}
