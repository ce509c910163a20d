import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@emporium/kit';
import { openSqliteStorage } from '../../src/adapters/storage/sqlite/open-sqlite-storage.ts';
import { describePriceStoreContract } from './price-store.contract.ts';

const wiring = { clock: systemClock, onCommit: () => undefined };

describePriceStoreContract({
  capabilities: { concurrentReplicas: false },
  name: 'SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'pricing-contract-'));
    const path = join(dir, 'pricing.sqlite');
    const storage = await openSqliteStorage(path, wiring);
    return {
      storage,
      replica: () => openSqliteStorage(path, wiring),
      async close() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
