import type { Clock } from '@emporium/kit';
import type { AccessTokenIssuer } from './ports/access-tokens.ts';
import type { LoginThrottle } from './ports/login-throttle.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { RefreshTokenStore } from './ports/refresh-token-store.ts';
import type { UserStore } from './ports/user-store.ts';

/** What the use cases need, built once by the composition root. */
export interface AccountsDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  passwords: PasswordHasher;
  accessTokens: AccessTokenIssuer;
  throttle: LoginThrottle;
  clock: Clock;
  refreshTokenTtlSeconds: number;
}
