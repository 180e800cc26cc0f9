export type {
  Absence,
  AbsenceStatus,
  AccountSummary,
  AttendanceRegister,
  AttendanceStatus,
  Banner,
  BannerInput,
  CommunePublic,
  CreateFamilyRequest,
  DeclareAbsenceRequest,
  DownloadedFile,
  Family,
  FamilyPage,
  FamilySummary,
  Health,
  MarkAbsenceRequest,
  PortailClientOptions,
  StoredFile,
} from './client.js';
export { createPortailClient, fileNameOf, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
