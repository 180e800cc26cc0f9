import type { Sequelize } from 'sequelize';
import { initAccountModels } from '../../modules/accounts/account.models.js';
import { initAttendanceModels } from '../../modules/attendance/attendance.models.js';
import { initAuditModel } from '../../modules/audit/audit.js';
import { initBillingModels } from '../../modules/billing/billing.models.js';
import { initBookingModels } from '../../modules/bookings/booking.models.js';
import { initCalendarFeedModel } from '../../modules/bookings/calendar-feed.js';
import { Commune } from '../../modules/communes/commune.model.js';
import { initDocumentModel } from '../../modules/documents/document.model.js';
import { initFamilyModels } from '../../modules/families/family.models.js';
import { initFamilyChangeModels } from '../../modules/family-changes/family-changes.models.js';
import { initPaymentModels } from '../../modules/payments/payment.models.js';
import { initPaymentProviderModels } from '../../modules/payments/providers/provider.models.js';
import { initStoredFileModel } from '../files/stored-file.model.js';
import { initIdempotencyModel } from '../http/idempotency.js';
import { initOutboxModel } from '../mail/outbox.model.js';
import { initSequenceModel } from './sequence.model.js';

let initialised: Sequelize | null = null;

/**
 * Binds every model to one Sequelize instance. Models are module-level classes, so one
 * process serves one database (tests open one server per database, in turn).
 */
export function initModels(sequelize: Sequelize): void {
  if (initialised === sequelize) return;
  Commune.initModel(sequelize);
  initFamilyModels(sequelize);
  initAccountModels(sequelize);
  initAuditModel(sequelize);
  initOutboxModel(sequelize);
  initIdempotencyModel(sequelize);
  initBookingModels(sequelize);
  initCalendarFeedModel(sequelize);
  initSequenceModel(sequelize);
  initPaymentProviderModels(sequelize);
  initStoredFileModel(sequelize);
  initAttendanceModels(sequelize);
  initBillingModels(sequelize);
  initFamilyChangeModels(sequelize);
  initDocumentModel(sequelize);
  initPaymentProviderModels(sequelize);
  initPaymentModels(sequelize);
  initialised = sequelize;
}
