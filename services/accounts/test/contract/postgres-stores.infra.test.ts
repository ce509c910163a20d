import { createTestPostgresDatabase, type TestPostgresDatabase } from '@emporium/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStores } from '../../src/adapters/storage/postgres/open-postgres-stores.ts';
import { describeAddressStoreContract } from './address-store.contract.ts';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.ts';
import { describeSigningKeyStoreContract } from './signing-key-store.contract.ts';
import { describeUserStoreContract } from './user-store.contract.ts';

let database: TestPostgresDatabase;
beforeAll(async () => {
  database = await createTestPostgresDatabase('accounts_contract');
});
afterAll(() => database.drop());

const options = { name: 'PostgreSQL', create: () => openPostgresStores(database.url) };

describeUserStoreContract(options);
describeRefreshTokenStoreContract(options);
describeSigningKeyStoreContract(options);
describeAddressStoreContract(options);
