export type {
  Absence,
  AbsenceStatus,
  AccountSummary,
  AttendanceRegister,
  AttendanceStatus,
  AuthorisedPerson,
  AuthorisedPersonInput,
  Banner,
  BannerInput,
  ChangeProposal,
  ChangeRequest,
  ChangeRequestStatus,
  CommunePublic,
  ContactUpdate,
  CreateFamilyRequest,
  DeclareAbsenceRequest,
  DownloadedFile,
  Family,
  FamilyPage,
  FamilyStatus,
  FamilySummary,
  Health,
  HealthSheet,
  MarkAbsenceRequest,
  PendingEmailChange,
  PortailClientOptions,
  SharedCustody,
  StoredFile,
} from './client.js';
export { createPortailClient, fileNameOf, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
