import { SqliteOutboxStore, openSqlite } from '@emporium/kit';
import {
  inventoryMigrations,
  type InventorySchema,
} from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteInventoryStore } from '../../src/adapters/storage/sqlite/sqlite-inventory-store.ts';
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
    const outbox = new SqliteOutboxStore(handle.db, clock);
    const committedEvents = async () => (await outbox.pending(10_000)).map((entry) => entry.event);
    return { store, committedEvents, close: () => handle.close() };
  },
});
