import { createTestPostgresDatabase, type TestPostgresDatabase } from '@emporium/kit/testing';
import { openPostgres, type PostgresHandle } from '@emporium/kit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { STRONG_PASSWORD, as, getMe, loginAs, registerUser, startAccounts } from './harness.ts';

/** Distributed mode refuses the public embedded secrets, so the test brings its own. */
const SERVICE_CREDENTIALS = 'catalog:catalog-test-secret-0001,gateway:gateway-test-secret-0001';

describe('accounts on PostgreSQL (ACCOUNTS_STORE=postgres)', () => {
  let database: TestPostgresDatabase;
  let client: PostgresHandle<unknown>['pool'];
  let handle: PostgresHandle<unknown>;
  beforeAll(async () => {
    database = await createTestPostgresDatabase('accounts_http');
    handle = await openPostgres({ url: database.url });
    client = handle.pool;
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  const start = (): Promise<AccountsService> =>
    startAccounts({
      env: { ACCOUNTS_STORE: 'postgres', ACCOUNTS_DATABASE_URL: database.url, SERVICE_CREDENTIALS },
    });

  it('when a user registers through the API, then the user is a row in PostgreSQL', async () => {
    const service = await start();
    try {
      // Over a real socket, as a client would.
      const baseUrl = await service.listen();
      const response = await fetch(`${baseUrl}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'Pat@Example.com', password: STRONG_PASSWORD, name: 'Pat' }),
      });
      expect(response.status).toBe(201);
      const user = (await response.json()) as { id: string };
      const { rows } = await client.query(
        'select id, email, email_key, name, roles from users where id = $1',
        [user.id],
      );
      expect(rows).toEqual([
        {
          id: user.id,
          // Registration normalises the email (trimmed, lower-case).
          email: 'pat@example.com',
          email_key: 'pat@example.com',
          name: 'Pat',
          roles: '["customer"]',
        },
      ]);
      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('when the service restarts, then sessions, signing keys and addresses survive in PostgreSQL', async () => {
    const first = await start();
    await registerUser(first, 'sam@example.com');
    const tokens = await loginAs(first, 'sam@example.com', STRONG_PASSWORD);
    const added = await as(first, tokens.accessToken, 'POST', '/accounts/me/addresses', {
      name: 'Sam',
      line1: '2 High Street',
      city: 'Bristol',
      postalCode: 'BS1 4DJ',
      country: 'GB',
    });
    expect(added.statusCode, added.body).toBe(201);
    await first.close();

    const second = await start();
    try {
      expect((await getMe(second, tokens.accessToken)).statusCode).toBe(200);
      const list = await as(second, tokens.accessToken, 'GET', '/accounts/me/addresses');
      expect(list.json<{ items: { city: string }[] }>().items.map((a) => a.city)).toEqual([
        'Bristol',
      ]);
      const { rows } = await client.query(
        "select count(*)::int as n from refresh_tokens t join users u on u.id = t.user_id where u.email_key = 'sam@example.com'",
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await second.close();
    }
  });
});
