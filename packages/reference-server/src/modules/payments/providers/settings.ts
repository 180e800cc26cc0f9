import type { AppContext } from '../../../app-context.js';
import { PayfipProvider } from './payfip/payfip-provider.js';
import { type PayfipMode, type PaymentProvider, PaymentProviderError, type ProviderKind } from './provider.js';
import { PaymentProviderSettings } from './provider.models.js';
import { checkNumcli, PAYFIP_MODES } from './rules/payfip-fields.js';
import { SandboxProvider } from './sandbox/sandbox-provider.js';

export type CommunePaymentSettings =
  | { provider: 'none' }
  | { provider: 'sandbox' }
  | { provider: 'payfip'; numcli: string; mode: PayfipMode };

/** The commune's provider choice (the configured default when it has made none). */
export async function paymentSettingsOf(ctx: AppContext, communeId: string): Promise<CommunePaymentSettings> {
  const row = await PaymentProviderSettings.findOne({ where: { commune_id: communeId } });
  if (!row) return { provider: ctx.config.payments.defaultProvider };
  if (row.provider === 'payfip' && row.payfip_numcli && row.payfip_mode)
    return { provider: 'payfip', numcli: row.payfip_numcli, mode: row.payfip_mode };
  return row.provider === 'sandbox' ? { provider: 'sandbox' } : { provider: 'none' };
}

/** Sets a commune's provider (operator / seed; no API yet). Checks the PayFiP fields' formats. */
export async function savePaymentSettings(ctx: AppContext, communeId: string, settings: CommunePaymentSettings): Promise<void> {
  if (settings.provider === 'payfip') {
    checkNumcli(settings.numcli);
    if (!PAYFIP_MODES.includes(settings.mode)) throw new PaymentProviderError('invalid_request', 'mode: T, X or W.');
  }
  await ctx.db.write((transaction) =>
    PaymentProviderSettings.upsert(
      {
        commune_id: communeId,
        provider: settings.provider,
        payfip_numcli: settings.provider === 'payfip' ? settings.numcli : null,
        payfip_mode: settings.provider === 'payfip' ? settings.mode : null,
        updated_at: new Date(),
      },
      { transaction },
    ),
  );
}

/**
 * The provider to use for a commune: its configured one, or — to finish an attempt started
 * earlier — the provider of that `kind`. Throws `not_configured` when there is none.
 */
export async function paymentProviderFor(
  ctx: AppContext,
  commune: { id: string; slug: string },
  kind?: ProviderKind,
): Promise<PaymentProvider> {
  const settings = await paymentSettingsOf(ctx, commune.id);
  const wanted = kind ?? settings.provider;
  if (wanted === 'sandbox') {
    if (!ctx.config.payments.sandboxAllowed) throw new PaymentProviderError('not_configured', 'The sandbox provider is disabled here.');
    return new SandboxProvider(ctx, commune);
  }
  if (wanted === 'payfip' && settings.provider === 'payfip') {
    return new PayfipProvider({
      baseUrl: ctx.config.payments.payfipUrl,
      numcli: settings.numcli,
      mode: settings.mode,
      timeoutMs: ctx.config.payments.payfipTimeoutMs,
    });
  }
  throw new PaymentProviderError('not_configured', 'This commune takes no online payment.');
}
