export type {
  AccountSummary,
  ActivityTariff,
  Banner,
  BannerInput,
  BillingRun,
  BillingSettings,
  CommunePublic,
  CreateFamilyRequest,
  CreditNote,
  CreditNoteInput,
  CreditNoteResult,
  Family,
  FamilyPage,
  FamilySummary,
  FlatFee,
  FlatFeeInput,
  Health,
  Invoice,
  InvoicePage,
  InvoiceState,
  InvoiceSummary,
  PortailClientOptions,
  TariffBracket,
  TariffGrid,
} from './client.js';
export { createPortailClient, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
