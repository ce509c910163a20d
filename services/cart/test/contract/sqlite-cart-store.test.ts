import { SqliteOutboxStore, openSqlite } from '@emporium/kit';
import { cartMigrations, type CartSchema } from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteCartStore } from '../../src/adapters/storage/sqlite/sqlite-cart-store.ts';
import { describeCartStoreContract } from './cart-store.contract.ts';

describeCartStoreContract({
  name: 'SQLite',
  sweeps: true,
  async create(clock) {
    const handle = await openSqlite<CartSchema>({ path: ':memory:', migrations: cartMigrations });
    const store = new SqliteCartStore({
      handle,
      now: () => clock.now(),
      onCommit: () => undefined,
    });
    const outbox = new SqliteOutboxStore(handle.db, clock);
    const committedEvents = async () => (await outbox.pending(10_000)).map((entry) => entry.event);
    return { store, committedEvents, close: () => handle.close() };
  },
});
