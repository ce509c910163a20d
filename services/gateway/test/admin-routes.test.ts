import {
  startService,
  EmbeddedEventBus,
  createEvent,
  createHttpServer,
  encodeCursor,
  registerAuth,
  registerDeadLetterRoutes,
  type HttpServer,
} from '@emporium/kit';
import { createTestAuth, instantClock, silentLogger } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayService, type GatewayService } from '../src/service.ts';

/** A service as the kit builds it: real dead-letter routes over a bus whose consumer always fails. */
async function startKitService(name: string, auth: Awaited<ReturnType<typeof createTestAuth>>) {
  const bus = await EmbeddedEventBus.open({
    path: ':memory:',
    clock: instantClock(),
    logger: silentLogger,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  bus.subscribe({
    group: `${name}.always-fails`,
    topics: [`${name}.thing`],
    handle: async () => {
      throw new Error('handler refused the event');
    },
  });
  await bus.start();
  const { app } = await createHttpServer({ name, logger: silentLogger, processMetrics: false });
  registerAuth(app, auth.verifier);
  registerDeadLetterRoutes(app as HttpServer, bus, name);
  await app.ready();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    bus,
    async fail(count: number) {
      await bus.publish(
        Array.from({ length: count }, (_, i) =>
          createEvent({
            source: name,
            type: `${name}.thing.happened`,
            subject: `t${i}`,
            data: { i },
          }),
        ),
      );
      await bus.drain();
    },
    async close() {
      await app.close();
      await bus.close();
    },
  };
}

describe('gateway admin routes over the services’ typed clients', () => {
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let catalog: Awaited<ReturnType<typeof startKitService>>;
  let accounts: Awaited<ReturnType<typeof startKitService>>;
  let gateway: GatewayService;
  let admin: { authorization: string };

  beforeAll(async () => {
    auth = await createTestAuth();
    admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
    catalog = await startKitService('catalog', auth);
    accounts = await startKitService('accounts', auth);
    await catalog.fail(3);
    await accounts.fail(2);
    gateway = await startService(gatewayService, {
      env: {
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        CATALOG_URL: catalog.url,
        ACCOUNTS_URL: accounts.url,
        GATEWAY_SERVICES: 'catalog,accounts',
      },
      logger: silentLogger,
      processMetrics: false,
      // The gateway checks admin tokens itself, with the same keys as the services.
      verifier: auth.verifier,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await catalog.close();
    await accounts.close();
  });

  const get = (url: string) => gateway.app.inject({ url, headers: admin });

  it('when dead letters are paged two at a time, then every one of every service is seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response = await get(
        `/api/admin/dead-letters?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body: { items: { id: string; service: string }[]; nextCursor: string | null } =
        response.json();
      seen.push(...body.items.map((item) => `${item.service}:${item.id}`));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen.filter((id) => id.startsWith('accounts:'))).toHaveLength(2);
  });

  it('when the gateway cursor carries a forged inner cursor, then 400 problem+json with the service’s code, not 502', async () => {
    const forged = encodeCursor({ s: 'catalog', c: '%%%not-a-cursor' });
    const response = await get(`/api/admin/dead-letters?cursor=${forged}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'COMMON.INVALID_CURSOR' });
  });

  it('when a customer lists dead letters, then the service’s 403 is answered, not a 502', async () => {
    const response = await gateway.app.inject({
      url: '/api/admin/dead-letters',
      headers: { authorization: await auth.bearer('usr_shopper', ['customer']) },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('COMMON.FORBIDDEN');
  });

  it('when a dead letter is redriven, then the service holding it redrives it; an unknown id is 404', async () => {
    const listed = (await get('/api/admin/dead-letters?service=accounts')).json();
    const id = listed.items[0].id as string;
    const redriven = await gateway.app.inject({
      method: 'POST',
      url: `/api/admin/dead-letters/${id}/redrive`,
      headers: admin,
    });
    expect(redriven.statusCode, redriven.body).toBe(200);
    expect(redriven.json()).toMatchObject({ id, service: 'accounts' });
    const unknown = await gateway.app.inject({
      method: 'POST',
      url: '/api/admin/dead-letters/dlq_unknown/redrive',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('BUS.DEAD_LETTER_NOT_FOUND');
  });

  it('when the system is asked for, then each service reports its readiness and breaker state', async () => {
    const response = await get('/api/admin/system');
    expect(response.statusCode).toBe(200);
    expect(response.json().services).toEqual(
      expect.arrayContaining([
        { service: 'catalog', status: 'ok', breaker: 'closed' },
        { service: 'accounts', status: 'ok', breaker: 'closed' },
      ]),
    );
  });
});
