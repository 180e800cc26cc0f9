export { PortailClient, createPortailClient } from './client.js';
export type {
  PortailClientOptions,
  CommunePublic,
  Family,
  FamilyPage,
  FamilySummary,
  CreateFamilyRequest,
  AccountSummary,
  Banner,
  BannerInput,
  Health,
} from './client.js';
export { SessionStore } from './session.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export * from './errors.js';
export type { paths, components, operations } from './schema.js';
