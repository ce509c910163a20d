import { AccountsErrors } from '../../domain/errors.ts';
import { secretsMatch } from '../../domain/service-clients.ts';
import type { AccountsDeps } from '../deps.ts';
import type { AttemptLimit } from '../ports/attempt-throttle.ts';
import { throttledCheck } from './throttled-check.ts';

export interface ServiceTokenInput {
  clientId: string;
  clientSecret: string;
  audience: string;
  ip: string;
}

export interface ServiceToken {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * The OAuth 2.0 client-credentials grant: a registered service proves its secret and gets
 * a short-lived `service` token for one other service. Failures are throttled like sign-ins.
 */
export async function issueServiceToken(
  deps: AccountsDeps,
  input: ServiceTokenInput,
): Promise<ServiceToken> {
  const stored = deps.serviceClients.secrets.get(input.clientId);
  const matches = await throttledCheck(
    deps,
    serviceClientLimits(deps, input.clientId, input.ip),
    // An unknown client costs the same comparison as a known one with a wrong secret.
    async () =>
      secretsMatch(input.clientSecret, stored ?? `${input.clientSecret}\u0000`) &&
      stored !== undefined,
    (retryAfterSeconds) =>
      AccountsErrors.TOO_MANY_ATTEMPTS.create(
        `Too many failed attempts; try again in ${retryAfterSeconds} seconds`,
        { details: { retryAfterSeconds } },
      ),
  );
  if (!matches) throw AccountsErrors.INVALID_CLIENT.create('The client id or secret is wrong');
  if (!deps.serviceClients.secrets.has(input.audience)) {
    throw AccountsErrors.UNKNOWN_AUDIENCE.create(`"${input.audience}" is not a registered service`);
  }
  const ttlSeconds = deps.serviceClients.tokenTtlSeconds;
  const accessToken = await deps.accessTokens.issueServiceToken({
    clientId: input.clientId,
    audience: input.audience,
    ttlSeconds,
  });
  return { accessToken, expiresIn: ttlSeconds, tokenType: 'Bearer' };
}

/** Wrong secrets are limited like failed sign-ins: per client and address, and per address. */
function serviceClientLimits(
  deps: AccountsDeps,
  clientId: string,
  ip: string,
): { limits: AttemptLimit[]; resetKey: string } {
  const resetKey = `service-client|${ip}|${clientId}`;
  const windowMs = deps.limits.loginWindowMs;
  return {
    resetKey,
    limits: [
      { key: resetKey, max: deps.limits.loginFailuresPerAccount, windowMs },
      { key: `login-address|${ip}`, max: deps.limits.loginFailuresPerAddress, windowMs },
    ],
  };
}
