import type { Commune } from '../../src/modules/communes/commune.model.js';
import { createCommune, createStaffAccount } from '../../src/modules/communes/provisioning.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import { listen, prepare, type RunningServer } from '../../src/server.js';
import { MailCatcher, tokenFromMail } from './mail-catcher.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const STAFF_PASSWORD = 'staff password for tests 2026';
export const PARENT_PASSWORD = 'une phrase de passe assez longue';

export interface TestServer {
  url: string;
  server: RunningServer;
  mail: MailCatcher;
  communes: { a: Commune; b: Commune };
  /** fetch against the server, JSON in and out. */
  api(
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<ApiResult>;
  login(commune: string, identifier: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever came back
  contentType: string;
}

export interface TestServerOptions {
  config?: Partial<Config>;
  /** Send mail through a real in-process SMTP server (default) or keep the dev outbox. */
  smtp?: boolean;
  lockoutThreshold?: number;
}

/**
 * A real reference server on a throwaway database, with two communes (`alpha`, `beta`),
 * an admin in each (`admin.alpha` / `admin.beta`), and a real SMTP server catching mail.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase();
  const mail = new MailCatcher();
  const smtpPort = options.smtp === false ? 0 : await mail.start();
  const base = loadConfig(
    {},
    {
      dataDir: database.dataDir,
      databaseUrl: database.databaseUrl,
      port: 0,
      smtp: options.smtp === false ? null : { host: '127.0.0.1', port: smtpPort, secure: false, user: null, password: null },
      validateResponses: true,
      rateLimits: { loginPerIp: 10_000, tokenPerIp: 10_000, forgotPerIp: 10_000, apiPerIp: 100_000, windowMinutes: 15 },
      ...options.config,
    },
  );
  const ctx = await prepare(base);
  const server = await listen(ctx, 0);
  ctx.config.publicBaseUrl = server.url;
  const portalUrl = `${server.url}/examples/`;
  const a = await createCommune(ctx, {
    slug: 'alpha',
    name: 'Alpha-sur-Loire',
    portalUrl,
    allowedOrigins: ['https://www.alpha.example'],
    contact: { phone: '02 00 00 00 01', email: 'enfance@alpha.example' },
    ...(options.lockoutThreshold ? { lockoutThreshold: options.lockoutThreshold } : {}),
  });
  const b = await createCommune(ctx, { slug: 'beta', name: 'Bêta-les-Bains', portalUrl, allowedOrigins: ['https://www.beta.example'] });
  for (const [commune, slug] of [
    [a, 'alpha'],
    [b, 'beta'],
  ] as const) {
    await createStaffAccount(ctx, commune, {
      identifier: `admin.${slug}`,
      email: `admin@${slug}.example`,
      displayName: `Admin ${slug}`,
      roles: ['admin', 'agent'],
      password: STAFF_PASSWORD,
    });
  }

  const api: TestServer['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { 'X-PF-Client': 'tests', ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    const response = await fetch(server.url + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      contentType,
      body: text && contentType.includes('json') ? JSON.parse(text) : text,
    };
  };

  return {
    url: server.url,
    server,
    mail,
    communes: { a, b },
    api,
    async login(commune, identifier, password) {
      const result = await api(`/v1/communes/${commune}/auth/login`, { body: { identifier, password } });
      if (result.status !== 200) throw new Error(`login ${identifier} failed: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body.accessToken as string;
    },
    async close() {
      await server.close();
      if (options.smtp !== false) await mail.stop();
      await database.drop();
    },
  };
}

/** A family created by staff through the API, with its first guardian's account created (pending). */
export async function createFamilyWithAccount(
  t: TestServer,
  commune: 'alpha' | 'beta',
  email: string,
  names = { first: 'Marie', last: 'Curie' },
) {
  const staff = await t.login(commune, `admin.${commune}`, STAFF_PASSWORD);
  const family = await t.api(`/v1/communes/${commune}/staff/families`, {
    token: staff,
    body: {
      address: { line1: '1 place de la Mairie', postalCode: '44000', city: 'Nantes' },
      guardians: [{ firstName: names.first, lastName: names.last, relation: 'mother', email }],
      children: [{ firstName: 'Ève', lastName: names.last, birthDate: '2018-05-04', grade: 'CE1' }],
    },
  });
  if (family.status !== 201) throw new Error(`family: ${family.status} ${JSON.stringify(family.body)}`);
  const guardianId: string = family.body.guardians[0].id;
  const account = await t.api(`/v1/communes/${commune}/staff/guardians/${guardianId}/account`, { token: staff, body: {} });
  if (account.status !== 201) throw new Error(`account: ${account.status} ${JSON.stringify(account.body)}`);
  return { staff, family: family.body, guardianId, account: account.body as { id: string; identifier: string } };
}

/** The whole activation path: account created → mail → link → password set. Answers the identifier. */
export async function activatedParent(t: TestServer, commune: 'alpha' | 'beta', email: string, names?: { first: string; last: string }) {
  const created = await createFamilyWithAccount(t, commune, email, names);
  const mail = await t.mail.waitFor(email, /activez votre compte/);
  const { token } = tokenFromMail(mail, 'activate');
  const activated = await t.api(`/v1/communes/${commune}/auth/activate`, { body: { token, password: PARENT_PASSWORD } });
  if (activated.status !== 200) throw new Error(`activate: ${activated.status} ${JSON.stringify(activated.body)}`);
  const token2 = await t.login(commune, created.account.identifier, PARENT_PASSWORD);
  return { ...created, parentToken: token2 };
}
