// payments
export type {
  AccountSummary,
  ActivityTariff,
  Banner,
  BannerInput,
  BillingRun,
  BillingSettings,
  CollectionReport,
  CommunePublic,
  CreatedPayment,
  CreateFamilyRequest,
  CreditNote,
  CreditNoteInput,
  CreditNoteResult,
  DeskPaymentInput,
  DeskPaymentMethod,
  Family,
  FamilyCredit,
  FamilyPage,
  FamilySummary,
  FlatFee,
  FlatFeeInput,
  Health,
  Invoice,
  InvoicePage,
  InvoiceState,
  InvoiceSummary,
  MyPayments,
  Payment,
  PaymentMethod,
  PaymentRedirect,
  PaymentState,
  PortailClientOptions,
  ReconciliationResult,
  TariffBracket,
  TariffGrid,
} from './client.js';
export { createPortailClient, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
