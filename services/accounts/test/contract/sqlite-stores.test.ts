import { openSqliteStores } from '../../src/adapters/storage/sqlite/open-sqlite-stores.ts';
import { describeAddressStoreContract } from './address-store.contract.ts';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.ts';
import { describeSigningKeyStoreContract } from './signing-key-store.contract.ts';
import { describeUserStoreContract } from './user-store.contract.ts';

const options = { name: 'SQLite', create: () => openSqliteStores(':memory:') };

describeUserStoreContract(options);
describeRefreshTokenStoreContract(options);
describeSigningKeyStoreContract(options);
describeAddressStoreContract(options);
