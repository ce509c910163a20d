import { systemClock } from '@emporium/kit';
import { createTestPostgresDatabase } from '@emporium/kit/testing';
import { openPostgresStorage } from '../../src/adapters/storage/postgres/open-postgres-storage.ts';
import { describeOrderStoreContract } from './order-store.contract.ts';

// A database per test: every test starts from empty tables, over a real connection pool.
describeOrderStoreContract({
  name: 'PostgreSQL',
  async create() {
    const database = await createTestPostgresDatabase('orders_contract');
    const storage = await openPostgresStorage(database.url, {
      clock: systemClock,
      onCommit: () => undefined,
    });
    return {
      store: storage.orders,
      pendingEvents: () => storage.outbox.pendingCount(),
      async close() {
        await storage.close();
        await database.drop();
      },
    };
  },
});
