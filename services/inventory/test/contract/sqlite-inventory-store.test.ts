import { SqliteOutboxStore, openSqlite } from '@emporium/kit';
import {
  inventoryMigrations,
  type InventorySchema,
} from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteInventoryStore } from '../../src/adapters/storage/sqlite/sqlite-inventory-store.ts';
import { describe, expect, it } from 'vitest';
import { emptyStock } from '../../src/domain/stock.ts';
import { describeInventoryStoreContract } from './inventory-store.contract.ts';

describeInventoryStoreContract({
  name: 'SQLite',
  async create(clock) {
    const handle = await openSqlite<InventorySchema>({
      path: ':memory:',
      migrations: inventoryMigrations,
    });
    const store = new SqliteInventoryStore({
      handle,
      now: () => clock.now(),
      onCommit: () => undefined,
    });
    const outbox = new SqliteOutboxStore(handle, clock);
    const committedEvents = async () => (await outbox.pending(10_000)).map((entry) => entry.event);
    return { store, committedEvents, close: () => handle.close() };
  },
});

describe('SQLite group commit', () => {
  it('when changes keep arriving on the next turns of the event loop, then they commit in one transaction; a quiet turn closes the group', async () => {
    const handle = await openSqlite<InventorySchema>({
      path: ':memory:',
      migrations: inventoryMigrations,
    });
    let transactions = 0;
    const prepare = handle.raw.prepare.bind(handle.raw);
    // Counts the store's BEGINs: one per committed group.
    handle.raw.prepare = (sql: string) => {
      const statement = prepare(sql);
      if (sql !== 'BEGIN IMMEDIATE') return statement;
      const run = statement.run.bind(statement);
      return Object.assign(statement, {
        run: (...args: []) => {
          transactions++;
          return run(...args);
        },
      });
    };
    const store = new SqliteInventoryStore({ handle, now: () => 0, onCommit: () => undefined });
    const change = (n: number) =>
      store.change({ skus: [`GROUP-${n}`] }, () => ({
        result: n,
        stock: [{ ...emptyStock(`GROUP-${n}`, ['wh-east']), version: 1 }],
      }));
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

    const first = [change(1)];
    await nextTurn();
    first.push(change(2));
    await nextTurn();
    first.push(change(3));
    expect(await Promise.all(first)).toEqual([1, 2, 3]);
    expect(transactions).toBe(1);

    await change(4);
    await nextTurn();
    await nextTurn();
    await change(5);
    expect(transactions).toBe(3);
    expect((await store.readStock(['GROUP-1', 'GROUP-3', 'GROUP-5'])).length).toBe(3);
    await handle.close();
  });
});
