import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY } from '@emporium/contracts';
import { openPostgres, type PostgresHandle } from '@emporium/kit/postgres';
import { Cluster } from './harness.ts';

/** Small enough to reach in a test, large enough for every request the tests before make. */
const RATE_LIMIT = 40;

const json = { 'content-type': 'application/json' };

describe('the distributed platform: accounts on PostgreSQL and the edge, through the gateway', () => {
  let cluster: Cluster;
  let accountsDb: PostgresHandle<unknown>;

  beforeAll(async () => {
    cluster = await Cluster.plan({
      // A long window, so the count cannot reset while the tests run.
      gatewayEnv: { RATE_LIMIT_PER_CLIENT: String(RATE_LIMIT), RATE_LIMIT_WINDOW_MS: '600000' },
    });
    await cluster.start();
    accountsDb = await openPostgres({ url: cluster.accountsDatabaseUrl, pool: { max: 1 } });
  });
  afterAll(async () => {
    await accountsDb?.close();
    await cluster?.close();
  });

  const rows = async (query: string, values: unknown[]) =>
    (await accountsDb.pool.query(query, values)).rows as Record<string, unknown>[];

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${cluster.api}${path}`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify(body),
    });

  async function signIn(email: string, password: string): Promise<Record<string, string>> {
    const login = await post('/auth/login', { email, password });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return { authorization: `Bearer ${accessToken}` };
  }

  const customer = { email: 'Ada.Lovelace@Example.com', password: 'Copper-Kettle-Morning-77' };
  let customerHeaders: Record<string, string>;

  it('when a user registers through the gateway, then the accounts PostgreSQL database holds the row', async () => {
    const registered = await post('/auth/register', { ...customer, name: 'Ada Lovelace' });
    expect(registered.status).toBe(201);
    const profile = (await registered.json()) as { id: string; email: string };
    expect(profile.email).toBe('ada.lovelace@example.com');

    const stored = await rows('SELECT email, name, roles FROM users WHERE id = $1', [profile.id]);
    expect(stored).toEqual([
      { email: 'ada.lovelace@example.com', name: 'Ada Lovelace', roles: expect.any(String) },
    ]);
    expect(JSON.parse(String(stored[0]!['roles']))).toEqual(['customer']);
  });

  it('when the user signs in through the gateway, then /api/accounts/me answers their profile', async () => {
    customerHeaders = await signIn(customer.email, customer.password);
    const me = await fetch(`${cluster.api}/accounts/me`, { headers: customerHeaders });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: 'ada.lovelace@example.com',
      roles: ['customer'],
    });
  });

  it('when the user adds an address through the gateway, then PostgreSQL holds it for that user', async () => {
    const address = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London' };
    const added = await post(
      '/accounts/me/addresses',
      { ...address, postalCode: 'SW1Y 4JH', country: 'gb' },
      customerHeaders,
    );
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };

    const stored = await rows(
      `SELECT a.name, a.line1, a.city, a.postal_code, a.country
         FROM addresses a JOIN users u ON u.id = a.user_id
        WHERE a.id = $1 AND u.email = $2`,
      [id, 'ada.lovelace@example.com'],
    );
    expect(stored).toEqual([{ ...address, postal_code: 'SW1Y 4JH', country: 'GB' }]);
  });

  it('when /api/admin/system is asked anonymously, by a customer, by the admin, then 401, 403, 200', async () => {
    const system = (headers: Record<string, string> = {}) =>
      fetch(`${cluster.api}/admin/system`, { headers });
    const anonymous = await system();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await system(customerHeaders)).status).toBe(403);
    expect((await system(await cluster.admin())).status).toBe(200);
  });

  it('when one client exceeds RATE_LIMIT_PER_CLIENT, then it gets 429, counted in Redis across a gateway restart', async () => {
    const statuses: number[] = [];
    for (let sent = 0; sent <= RATE_LIMIT && !statuses.includes(429); sent++)
      statuses.push((await fetch(`${cluster.api}/products?limit=1`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);

    const limited = await fetch(`${cluster.api}/products?limit=1`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await limited.json()) as { code: string }).code).toBe('COMMON.RATE_LIMITED');

    // An in-memory count would start again at zero in a new gateway process.
    await cluster.restart(GATEWAY);
    expect((await fetch(`${cluster.api}/products?limit=1`)).status).toBe(429);
  });
});
