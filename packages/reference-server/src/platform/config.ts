import path from 'node:path';

/** Every setting the server reads, with its default. The README lists them. */
export interface Config {
  port: number;
  /** Interface to listen on: 127.0.0.1 for the demo, 0.0.0.0 behind a load balancer. */
  host: string;
  /** Where the SQLite file (and later stored files) live. */
  dataDir: string;
  /** postgres://… to use PostgreSQL; empty for the SQLite file in dataDir. */
  databaseUrl: string | null;
  /** The address people reach the server at; used in emailed links and for CORS. */
  publicBaseUrl: string;
  smtp: { host: string; port: number; secure: boolean; user: string | null; password: string | null } | null;
  mailFrom: string;
  /** Answers that do not match openapi.yaml become 500s (on in development and tests). */
  validateResponses: boolean;
  /** Express "trust proxy" setting, for the client IP behind a load balancer. */
  trustProxy: string | boolean;
  cookieSecure: boolean;
  rateLimits: { loginPerIp: number; tokenPerIp: number; forgotPerIp: number; apiPerIp: number; windowMinutes: number };
  argon2: { memoryCost: number; timeCost: number; parallelism: number; maxConcurrent: number };
  serveExamples: boolean;
  payments: PaymentsConfig;
  /** Uploaded files (supporting documents): the largest accepted, in bytes (5 MiB by default). */
  files: { maxBytes: number };
  /** How often the retention job checks whether a commune's daily purge is due, in minutes (0: never). */
  /** auditLogMonths: how long the staff access log is kept (CNIL recommends 6 to 12 months for access logs). */
  retention: { checkMinutes: number; auditLogMonths: number };
}

/** Online payment (the provider of each commune is in its payment settings, table payment_provider_settings). */
export interface PaymentsConfig {
  /** PayFiP's web address (SOAP service and payment page under it); the demo and tests use the fake PayFiP's. */
  payfipUrl: string;
  /** Per PayFiP SOAP call (public clients use 15 s). */
  payfipTimeoutMs: number;
  /** Provider of a commune with no payment settings. */
  defaultProvider: 'sandbox' | 'none';
  /** The built-in sandbox page may "take" payments (never in production: it creates money from nothing). */
  sandboxAllowed: boolean;
  /** Serve the fake PayFiP at /dev/fake-payfip (the demo). */
  serveFakePayfip: boolean;
  /** How often the reconciliation job asks the provider about pending payments (0: never). */
  reconcileEveryMs?: number;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`Not an integer: ${value}`);
  return parsed;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env.PORT, 8080);
  const production = env.NODE_ENV === 'production';
  const trustProxy = env.TRUST_PROXY ?? '';
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: int(env.SMTP_PORT, 587),
          secure: bool(env.SMTP_SECURE, false),
          user: env.SMTP_USER || null,
          password: env.SMTP_PASSWORD || null,
        }
      : null,
    mailFrom: env.MAIL_FROM ?? 'Portail Famille <no-reply@portail-famille.localhost>',
    validateResponses: bool(env.VALIDATE_RESPONSES, !production),
    trustProxy: trustProxy === '' ? false : trustProxy === 'true' ? true : trustProxy,
    cookieSecure: bool(env.COOKIE_SECURE, true),
    rateLimits: {
      loginPerIp: int(env.RATE_LIMIT_LOGIN, 30),
      tokenPerIp: int(env.RATE_LIMIT_TOKEN, 30),
      forgotPerIp: int(env.RATE_LIMIT_FORGOT, 10),
      apiPerIp: int(env.RATE_LIMIT_API, 1200),
      windowMinutes: int(env.RATE_LIMIT_WINDOW_MINUTES, 15),
    },
    argon2: {
      memoryCost: int(env.ARGON2_MEMORY_KIB, 19456),
      timeCost: int(env.ARGON2_TIME_COST, 2),
      parallelism: 1,
      // Below libuv's 4 threads, which SQLite's queries share: hashes must not starve them.
      maxConcurrent: int(env.ARGON2_MAX_CONCURRENT, 2),
    },
    serveExamples: bool(env.SERVE_EXAMPLES, true),
    retention: { checkMinutes: int(env.RETENTION_CHECK_MINUTES, 60), auditLogMonths: int(env.AUDIT_LOG_MONTHS, 12) },
    payments: {
      payfipUrl: (env.PAYFIP_URL || 'https://www.payfip.gouv.fr').replace(/\/+$/, ''),
      payfipTimeoutMs: int(env.PAYFIP_TIMEOUT_MS, 15_000),
      defaultProvider: (env.PAYMENT_DEFAULT_PROVIDER ?? (production ? 'none' : 'sandbox')) === 'sandbox' ? 'sandbox' : 'none',
      sandboxAllowed: !production && bool(env.PAYMENT_SANDBOX, true),
      serveFakePayfip: !production && bool(env.FAKE_PAYFIP, false),
      reconcileEveryMs: int(env.PAYMENT_RECONCILE_SECONDS, 300) * 1000,
    },
    files: { maxBytes: int(env.FILES_MAX_BYTES, 5 * 1024 * 1024) },
    ...overrides,
  };
}
