import type { AppContext } from '../../../app-context.js';
import { PayfipProvider, payfipOperationIdFrom } from './payfip/payfip-provider.js';
import { type PayfipMode, type PaymentProvider, PaymentProviderError, type ProviderKind, type ProviderMessage } from './provider.js';
import { PaymentProviderSettings } from './provider.models.js';
import { checkNumcli, PAYFIP_MODES } from './rules/payfip-fields.js';
import { SandboxProvider, sandboxOperationIdFrom } from './sandbox/sandbox-provider.js';

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
 * The provider account a payment is made with — and must be confirmed with, whatever the
 * commune chose since (another provider, another régie).
 */
export type ProviderAccount = { kind: 'sandbox' } | { kind: 'payfip'; numcli: string; mode: PayfipMode };

/** The provider of one account. Throws `not_configured` when the sandbox is switched off here. */
export function providerForAccount(ctx: AppContext, commune: { id: string; slug: string }, account: ProviderAccount): PaymentProvider {
  if (account.kind === 'sandbox') {
    if (!ctx.config.payments.sandboxAllowed) throw new PaymentProviderError('not_configured', 'The sandbox provider is disabled here.');
    return new SandboxProvider(ctx, commune);
  }
  return new PayfipProvider({
    baseUrl: ctx.config.payments.payfipUrl,
    numcli: account.numcli,
    mode: account.mode,
    timeoutMs: ctx.config.payments.payfipTimeoutMs,
  });
}

/** The account new payments of a commune are made with. Throws `not_configured` when there is none. */
export async function currentProviderAccount(ctx: AppContext, communeId: string): Promise<ProviderAccount> {
  const settings = await paymentSettingsOf(ctx, communeId);
  if (settings.provider === 'none') throw new PaymentProviderError('not_configured', 'This commune takes no online payment.');
  return settings.provider === 'payfip' ? { kind: 'payfip', numcli: settings.numcli, mode: settings.mode } : { kind: 'sandbox' };
}

/**
 * The provider to use for a commune: its configured one, or the provider of that `kind` as
 * the commune has it set now. To finish a payment, use the account stored with it
 * (`providerForAccount`). Throws `not_configured` when there is none.
 */
export async function paymentProviderFor(
  ctx: AppContext,
  commune: { id: string; slug: string },
  kind?: ProviderKind,
): Promise<PaymentProvider> {
  if (kind === 'sandbox') return providerForAccount(ctx, commune, { kind });
  const account = await currentProviderAccount(ctx, commune.id);
  if (kind && account.kind !== kind) throw new PaymentProviderError('not_configured', `This commune does not use ${kind} now.`);
  return providerForAccount(ctx, commune, account);
}

/**
 * How each provider names the operation in its notifications — needs no settings, so that a
 * notification about a payment made with a provider the commune has left is still read.
 */
export const OPERATION_ID_READERS: Record<ProviderKind, (message: ProviderMessage) => string> = {
  payfip: payfipOperationIdFrom,
  sandbox: sandboxOperationIdFrom,
};
