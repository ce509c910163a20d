import type { AddressStore } from '../../app/ports/address-store.ts';
import type { RefreshTokenStore } from '../../app/ports/refresh-token-store.ts';
import type { SigningKeyStore } from '../../app/ports/signing-key-store.ts';
import type { UserStore } from '../../app/ports/user-store.ts';
import { SqlAddressStore } from './sql/sql-address-store.ts';
import { SqlRefreshTokenStore } from './sql/sql-refresh-token-store.ts';
import { SqlSigningKeyStore } from './sql/sql-signing-key-store.ts';
import { SqlUserStore } from './sql/sql-user-store.ts';
import type { SqlStoreContext } from './sql/schema.ts';

/** Every store of the accounts service, on one database, closed together. */
export interface AccountsStorage {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  signingKeys: SigningKeyStore;
  addresses: AddressStore;
  /** Name of the engine, for the readiness check. */
  engine: 'sqlite' | 'postgres';
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function sqlStores(
  context: SqlStoreContext,
  handle: { ready(): Promise<void>; close(): Promise<void> },
): AccountsStorage {
  return {
    users: new SqlUserStore(context),
    refreshTokens: new SqlRefreshTokenStore(context),
    signingKeys: new SqlSigningKeyStore(context),
    addresses: new SqlAddressStore(context),
    engine: context.dialect,
    ready: handle.ready,
    close: handle.close,
  };
}
