import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Generated, type Kysely } from 'kysely';
import { openPostgres } from '@emporium/kit/postgres';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '@emporium/kit/testing';

interface Schema {
  note: { id: Generated<number>; body: string; at: number };
}

describe('openPostgres', () => {
  let database: TestPostgresDatabase;
  beforeAll(async () => {
    database = await createTestPostgresDatabase('kit_pg');
  });
  afterAll(() => database.drop());

  it('when opened with migrations, then tables exist, bigint reads as number, and ready resolves', async () => {
    const handle = await openPostgres<Schema>({
      url: database.url,
      pool: { max: 2 },
      migrations: {
        '0001_note': {
          async up(db) {
            await db.schema
              .createTable('note')
              .addColumn('id', 'serial', (c) => c.primaryKey())
              .addColumn('body', 'text', (c) => c.notNull())
              .addColumn('at', 'bigint', (c) => c.notNull())
              .execute();
          },
        },
      },
    });
    try {
      await handle.ready();
      await handle.db.insertInto('note').values({ body: 'hello', at: 1_767_225_600_000 }).execute();
      const row = await handle.db.selectFrom('note').selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({ id: 1, body: 'hello', at: 1_767_225_600_000 });
      const { rows } = await sql<{ n: number }>`select count(*) as n from note`.execute(handle.db);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('when opened twice with the same migrations, then the second open is a no-op', async () => {
    const migrations = {
      '0001_t': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('t').addColumn('x', 'integer').execute();
        },
      },
    };
    const own = await createTestPostgresDatabase('kit_pg_twice');
    try {
      const first = await openPostgres({ url: own.url, migrations });
      await first.close();
      const second = await openPostgres({ url: own.url, migrations });
      await expect(second.ready()).resolves.toBeUndefined();
      await second.close();
    } finally {
      await own.drop();
    }
  });

  it('when the server is unreachable, then ready rejects within the connect timeout', async () => {
    const handle = await openPostgres({
      url: 'postgres://emporium:emporium@127.0.0.1:1/none',
      pool: { connectionTimeoutMs: 500 },
    });
    await expect(handle.ready()).rejects.toThrow();
    await handle.close();
  });
});
