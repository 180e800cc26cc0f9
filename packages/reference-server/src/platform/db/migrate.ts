import { SequelizeStorage, Umzug } from 'umzug';
import type { Database } from './database.js';
import * as m0001 from './migrations/0001-accounts-and-families.js';
import * as m0002 from './migrations/0002-bookings.js';
import * as m0003 from './migrations/0003-calendar-feeds.js';
import * as m0004 from './migrations/0004-booking-decisions.js';
import * as m0005 from './migrations/0005-catalogue.js';
import * as m0006 from './migrations/0006-attendance.js';
import * as m0007 from './migrations/0007-billing.js';
import * as m0008 from './migrations/0008-payment-providers.js';
import * as m0009 from './migrations/0009-family-changes.js';
import * as m0010 from './migrations/0010-documents-and-data-rights.js';
import * as m0011 from './migrations/0011-payments.js';
import * as m0012 from './migrations/0012-payment-resolutions.js';
import * as m0013 from './migrations/0013-payment-accounts-and-commune-logo.js';
import * as m0014 from './migrations/0014-billed-items-by-run.js';
import * as m0015 from './migrations/0015-billed-days.js';

/** Versioned migrations, in order. A new one is appended here, never edited once released. */
const migrations = [
  { name: '0001-accounts-and-families', module: m0001 },
  { name: '0002-bookings', module: m0002 },
  { name: '0003-calendar-feeds', module: m0003 },
  { name: '0004-booking-decisions', module: m0004 },
  { name: '0005-catalogue', module: m0005 },
  { name: '0006-attendance', module: m0006 },
  { name: '0007-billing', module: m0007 },
  { name: '0008-payment-providers', module: m0008 },
  { name: '0009-family-changes', module: m0009 },
  { name: '0010-documents-and-data-rights', module: m0010 },
  { name: '0011-payments', module: m0011 },
  { name: '0012-payment-resolutions', module: m0012 },
  { name: '0013-payment-accounts-and-commune-logo', module: m0013 },
  { name: '0014-billed-items-by-run', module: m0014 },
  { name: '0015-billed-days', module: m0015 },
];

export function migrator(db: Database) {
  const context = db.sequelize.getQueryInterface();
  return new Umzug({
    migrations: migrations.map(({ name, module }) => ({
      name,
      up: () => module.up({ context }),
      down: () => module.down({ context }),
    })),
    context,
    storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Brings the schema up to date; safe to call at every start. */
export async function migrate(db: Database): Promise<void> {
  await migrator(db).up();
}
