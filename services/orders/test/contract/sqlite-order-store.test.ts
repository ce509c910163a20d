import { systemClock } from '@emporium/kit';
import { openSqliteStorage } from '../../src/adapters/storage/open-storage.ts';
import { describeOrderStoreContract } from './order-store.contract.ts';

describeOrderStoreContract({
  name: 'SQLite',
  async create() {
    const storage = await openSqliteStorage(':memory:', {
      clock: systemClock,
      onCommit: () => undefined,
    });
    return {
      store: storage.orders,
      pendingEvents: () => storage.outbox.pendingCount(),
      close: () => storage.close(),
    };
  },
});
