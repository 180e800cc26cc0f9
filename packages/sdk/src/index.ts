// The staff back office of the bookings catalogue.
export type {
  Absence,
  AbsenceStatus,
  AccountSummary,
  ActivityInput,
  ActivityPatch,
  AttendanceRegister,
  AttendanceStatus,
  Banner,
  BannerInput,
  BookingPeriodInput,
  BookingPeriodPatch,
  Closure,
  ClosureCreated,
  ClosureInput,
  CommunePublic,
  CreateFamilyRequest,
  DeclareAbsenceRequest,
  DownloadedFile,
  Enrolment,
  EnrolmentInput,
  Family,
  FamilyPage,
  FamilySummary,
  Health,
  MarkAbsenceRequest,
  PortailClientOptions,
  StaffActivity,
  StaffFacility,
  StoredFile,
} from './client.js';
export { createPortailClient, fileNameOf, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
