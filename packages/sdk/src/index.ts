// The staff back office of the bookings catalogue.
export type {
  AccountSummary,
  ActivityInput,
  ActivityPatch,
  Banner,
  BannerInput,
  BookingPeriodInput,
  BookingPeriodPatch,
  Closure,
  ClosureCreated,
  ClosureInput,
  CommunePublic,
  CreateFamilyRequest,
  Enrolment,
  EnrolmentInput,
  Family,
  FamilyPage,
  FamilySummary,
  Health,
  PortailClientOptions,
  StaffActivity,
  StaffFacility,
} from './client.js';
export { createPortailClient, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
