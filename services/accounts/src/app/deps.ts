import type { Clock } from '@emporium/kit';
import type { AccessTokenIssuer } from './ports/access-tokens.ts';
import type { AddressStore } from './ports/address-store.ts';
import type { LoginThrottle } from './ports/login-throttle.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { RefreshTokenStore } from './ports/refresh-token-store.ts';
import type { UserStore } from './ports/user-store.ts';

/** The registered service clients: client id → secret, and how long their tokens live. */
export interface ServiceClientRegistry {
  secrets: ReadonlyMap<string, string>;
  tokenTtlSeconds: number;
}

/** What the use cases need, built once by the composition root. */
export interface AccountsDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  addresses: AddressStore;
  passwords: PasswordHasher;
  accessTokens: AccessTokenIssuer;
  throttle: LoginThrottle;
  clock: Clock;
  refreshTokenTtlSeconds: number;
  serviceClients: ServiceClientRegistry;
}
