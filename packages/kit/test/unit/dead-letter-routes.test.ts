import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpServer,
  encodeCursor,
  registerAuth,
  registerDeadLetterRoutes,
  type CreatedServer,
  type DeadLetterQuery,
  type EventBus,
} from '../../src/index.ts';
import { createTestAuth, silentLogger } from '../../src/testing/index.ts';

/**
 * A bus whose dead-letter store hands the cursor on as a start key, as a key-value
 * store would: anything but a cursor it issued makes it throw a plain (500) error.
 */
function startKeyBus(seen: DeadLetterQuery[]): EventBus {
  return {
    listDeadLetters: async (query) => {
      seen.push(query);
      if (query.cursor !== undefined) {
        const key: unknown = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        if (typeof key !== 'string') throw new TypeError('ExclusiveStartKey must be a string');
      }
      return { items: [], nextCursor: null };
    },
    publish: async () => undefined,
    subscribe: () => undefined,
    start: async () => undefined,
    redrive: async () => {
      throw new Error('not used');
    },
    stats: async () => ({ lag: {}, deadLetters: 0 }),
    drain: async () => undefined,
    close: async () => undefined,
  };
}

describe('dead-letter routes', () => {
  let server: CreatedServer;
  let admin: Record<string, string>;
  const seen: DeadLetterQuery[] = [];
  beforeAll(async () => {
    const auth = await createTestAuth();
    admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    registerAuth(server.app, auth.verifier);
    registerDeadLetterRoutes(server.app, startKeyBus(seen), 'shop');
    await server.app.ready();
  });
  afterAll(async () => server.app.close());

  const list = (cursor: string) =>
    server.app.inject({
      url: `/admin/dead-letters?cursor=${encodeURIComponent(cursor)}`,
      headers: admin,
    });

  it.each(['abc', '!!!', 'bnVsbA', encodeCursor(7), '%00'])(
    'when the cursor is %j, then 400 INVALID_CURSOR and the store never sees it',
    async (cursor) => {
      const before = seen.length;
      const response = await list(cursor);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('COMMON.INVALID_CURSOR');
      expect(seen.length).toBe(before);
    },
  );

  it('when the cursor is one the bus issued, then the page is listed', async () => {
    const response = await list(encodeCursor('dl_01'));
    expect(response.statusCode).toBe(200);
    expect(seen.at(-1)).toMatchObject({ groupPrefix: 'shop', cursor: encodeCursor('dl_01') });
  });
});
