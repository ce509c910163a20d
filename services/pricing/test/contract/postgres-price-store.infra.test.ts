import { systemClock } from '@emporium/kit';
import { createTestPostgresDatabase } from '@emporium/kit/testing';
import { openPostgresStorage } from '../../src/adapters/storage/postgres/open-postgres-storage.ts';
import { describePriceStoreContract } from './price-store.contract.ts';

const wiring = { clock: systemClock, onCommit: () => undefined };

// A database per test: the scheduler's watermark is one per database.
describePriceStoreContract({
  capabilities: { concurrentReplicas: true },
  name: 'PostgreSQL',
  async create() {
    const database = await createTestPostgresDatabase('pricing_contract');
    const storage = await openPostgresStorage(database.url, wiring);
    return {
      storage,
      replica: () => openPostgresStorage(database.url, wiring),
      async close() {
        await storage.close();
        await database.drop();
      },
    };
  },
});
