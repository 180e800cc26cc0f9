import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type Backend = 'sqlite' | 'postgres';

/**
 * The backend under test: SQLite always; PostgreSQL when PORTAIL_TEST_BACKEND=postgres
 * and PORTAIL_TEST_DATABASE_URL point at a server (the test script runs the suite twice).
 */
export function backend(): Backend {
  return process.env.PORTAIL_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  dataDir: string;
  databaseUrl: string | null;
  drop(): Promise<void>;
}

/** A throwaway database: a fresh SQLite file (never :memory:, which hides concurrency bugs) or a fresh PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-test-'));
  if (backend() === 'sqlite') {
    return { dataDir, databaseUrl: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.PORTAIL_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('PORTAIL_TEST_BACKEND=postgres needs PORTAIL_TEST_DATABASE_URL');
  const name = `pf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
