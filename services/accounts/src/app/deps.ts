import type { Clock } from '@emporium/kit';
import type { CommonPasswords } from '../domain/password-policy.ts';
import type { AccessTokenIssuer } from './ports/access-tokens.ts';
import type { AttemptThrottle } from './ports/attempt-throttle.ts';
import type { AddressStore } from './ports/address-store.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { RefreshTokenStore } from './ports/refresh-token-store.ts';
import type { UserStore } from './ports/user-store.ts';
import type { AttemptLimits } from './throttling.ts';

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
  throttle: AttemptThrottle;
  limits: AttemptLimits;
  commonPasswords: CommonPasswords;
  clock: Clock;
  refreshTokenTtlSeconds: number;
  serviceClients: ServiceClientRegistry;
}
