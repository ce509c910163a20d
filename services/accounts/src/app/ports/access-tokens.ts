import type { Principal } from '@emporium/kit';

export interface ServiceTokenRequest {
  /** The calling service: the token's subject. */
  clientId: string;
  /** The service the token is for: its only audience. */
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokenIssuer {
  /**
   * A signed access token for the user, valid for `ttlSeconds`; `sessionId` (the refresh
   * token family) becomes the `sid` claim, so a password change can tell the caller's session.
   */
  issue(principal: Principal & { sessionId?: string }): Promise<string>;
  /** A token with the `service` role for one audience. */
  issueServiceToken(request: ServiceTokenRequest): Promise<string>;
  readonly ttlSeconds: number;
}
