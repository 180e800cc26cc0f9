export type {
  Absence,
  AbsenceStatus,
  AccountSummary,
  AttendanceRegister,
  AttendanceStatus,
  AuditEntry,
  AuditPage,
  AuditQuery,
  Banner,
  BannerInput,
  CommunePublic,
  CreateFamilyRequest,
  DeclareAbsenceRequest,
  DocumentCategory,
  DownloadedFile,
  Family,
  FamilyDataExport,
  FamilyPage,
  FamilySummary,
  Health,
  MarkAbsenceRequest,
  PortailClientOptions,
  PublishDocumentInput,
  PublishedDocument,
  RetentionReport,
  RetentionSettings,
  StoredFile,
} from './client.js';
export { createPortailClient, fileNameOf, PortailClient } from './client.js';
export * from './errors.js';
export type { components, operations, paths } from './schema.js';
export type { Me, SessionGrant, SessionListener } from './session.js';
export { SessionStore } from './session.js';
