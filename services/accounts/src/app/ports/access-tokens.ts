import type { Principal } from '@emporium/kit';

export interface AccessTokenIssuer {
  /** A signed access token for the principal, valid for `ttlSeconds`. */
  issue(principal: Principal): Promise<string>;
  readonly ttlSeconds: number;
}
