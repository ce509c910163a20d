import { randomBytes } from 'node:crypto';

/** The local engine `npm run infra:up` started; override for another server. */
export const testPostgresAdminUrl =
  process.env.EMPORIUM_TEST_POSTGRES_URL ?? 'postgres://emporium:emporium@127.0.0.1:15432/emporium';

export interface TestPostgresDatabase {
  /** Connection string of the fresh, empty database. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a throwaway database on the local engine (one per test file, so parallel files
 * never share tables), e.g. `beforeAll(async () => (database = await createTestPostgresDatabase()))`
 * and `afterAll(() => database.drop())`. `pg` loads on first call only.
 */
export async function createTestPostgresDatabase(
  prefix = 'test',
  adminUrl = testPostgresAdminUrl,
): Promise<TestPostgresDatabase> {
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
  await runAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
