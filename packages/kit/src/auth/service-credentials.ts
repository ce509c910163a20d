import type { Clock } from '../clock.ts';
import { CommonErrors } from '../errors.ts';
import type { Logger } from 'pino';
import { ServiceClient } from '../resilience/service-client.ts';

/**
 * Client credentials of one service (OAuth 2.0 client-credentials grant, issued by the
 * accounts service): the client id is the service's name.
 */
export interface ServiceCredentials {
  clientId: string;
  clientSecret: string;
}

/** What the token endpoint answers. */
export interface IssuedServiceToken {
  accessToken: string;
  /** Seconds the token stays valid. */
  expiresIn: number;
}

/** Obtains a fresh token for one audience; the HTTP one is `accountsTokenEndpoint`. */
export type ServiceTokenEndpoint = (audience: string) => Promise<IssuedServiceToken>;

export interface ServiceTokenSourceOptions {
  endpoint: ServiceTokenEndpoint;
  clock: Clock;
  /** A token is replaced this long before it expires, so none expires in flight. */
  refreshBeforeExpirySeconds?: number;
}

interface CachedToken {
  accessToken: string;
  refreshAt: number;
}

/**
 * Hands out a service token per audience: cached until shortly before it expires, and
 * fetched once for any number of concurrent callers.
 */
export class ServiceTokenSource {
  private readonly options: ServiceTokenSourceOptions;
  private readonly cached = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(options: ServiceTokenSourceOptions) {
    this.options = options;
  }

  async token(audience: string): Promise<string> {
    const cached = this.cached.get(audience);
    if (cached && this.options.clock.now() < cached.refreshAt) return cached.accessToken;
    let pending = this.inFlight.get(audience);
    if (!pending) {
      pending = this.fetch(audience).finally(() => this.inFlight.delete(audience));
      this.inFlight.set(audience, pending);
    }
    return pending;
  }

  /** An `Authorization` provider for a ServiceClient calling `audience`. */
  authorizationFor(audience: string): () => Promise<string> {
    return async () => `Bearer ${await this.token(audience)}`;
  }

  /** Drops a cached token, e.g. after the audience answered 401 to it. */
  forget(audience: string): void {
    this.cached.delete(audience);
  }

  private async fetch(audience: string): Promise<string> {
    const issued = await this.options.endpoint(audience);
    const margin = Math.min(
      this.options.refreshBeforeExpirySeconds ?? 30,
      // A very short-lived token is still used for half its life rather than never.
      issued.expiresIn / 2,
    );
    this.cached.set(audience, {
      accessToken: issued.accessToken,
      refreshAt: this.options.clock.now() + (issued.expiresIn - margin) * 1000,
    });
    return issued.accessToken;
  }
}

/** `POST /auth/service-token` of the accounts service, through the kit's client. */
export function accountsTokenEndpoint(
  accounts: ServiceClient,
  credentials: ServiceCredentials,
): ServiceTokenEndpoint {
  return async (audience) => {
    const response = await accounts.request<Partial<IssuedServiceToken> & { detail?: string }>({
      method: 'POST',
      path: '/auth/service-token',
      body: { ...credentials, audience },
      // Asking for a token twice has no effect beyond the first answer.
      idempotent: true,
    });
    const { accessToken, expiresIn } = response.body ?? {};
    if (response.status !== 200 || typeof accessToken !== 'string' || typeof expiresIn !== 'number')
      throw CommonErrors.UPSTREAM_UNAVAILABLE.create(
        `accounts refused a service token for ${audience} (${response.status}${response.body?.detail ? `: ${response.body.detail}` : ''})`,
        { details: { upstream: 'accounts' } },
      );
    return { accessToken, expiresIn };
  };
}

export interface ServiceTokenClientOptions {
  credentials: ServiceCredentials;
  /** Base URL of the accounts service, e.g. `http://127.0.0.1:4006`. */
  accountsUrl: string;
  logger: Logger;
  clock: Clock;
}

/** A ServiceTokenSource over HTTP to accounts, with the client it owns; `close()` ends both. */
export function createServiceTokenSource(options: ServiceTokenClientOptions): {
  source: ServiceTokenSource;
  close(): Promise<void>;
} {
  const accounts = new ServiceClient({
    name: 'accounts',
    baseUrl: options.accountsUrl,
    logger: options.logger,
    connections: 2,
  });
  const source = new ServiceTokenSource({
    endpoint: accountsTokenEndpoint(accounts, options.credentials),
    clock: options.clock,
  });
  return { source, close: () => accounts.close() };
}
