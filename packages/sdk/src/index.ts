export type {
  AccountSummary,
  Banner,
  BannerInput,
  CommunePublic,
  CreateFamilyRequest,
  Family,
  FamilyPage,
  FamilySummary,
  Health,
  PortailClientOptions,
} from './client.js';
export { createPortailClient, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
