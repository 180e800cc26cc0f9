import type { BackgroundTasks } from './platform/background.js';
import type { Config } from './platform/config.js';
import type { PasswordHasher } from './platform/crypto/passwords.js';
import type { Database } from './platform/db/database.js';
import type { Mailer } from './platform/mail/mailer.js';

/** What every module's routes receive: the process's shared services. */
export interface AppContext {
  config: Config;
  db: Database;
  mailer: Mailer;
  hasher: PasswordHasher;
  background: BackgroundTasks;
}
