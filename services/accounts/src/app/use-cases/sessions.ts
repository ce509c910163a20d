import { newId } from '@emporium/kit';
import { AccountsErrors } from '../../domain/errors.ts';
import {
  hashOpaqueToken,
  newOpaqueToken,
  type RefreshTokenRecord,
} from '../../domain/refresh-token.ts';
import type { User } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** Seconds the refresh token stays usable (the gateway's session cookie lives as long). */
  refreshExpiresIn: number;
  tokenType: 'Bearer';
}

/** A new refresh-token family (one per login) and its first pair. */
export async function startSession(deps: AccountsDeps, user: User): Promise<TokenPair> {
  const { token, record } = mintRefreshToken(deps, user.id, newId('fam', deps.clock.now()));
  await deps.refreshTokens.insert(record);
  return pairOf(deps, user, token, record.familyId);
}

/**
 * Exchanges a refresh token for a new pair. Each token works once: presenting one that
 * was already rotated means it was copied, so the whole family is revoked and the
 * legitimate holder has to sign in again too.
 */
export async function refreshSession(deps: AccountsDeps, presented: string): Promise<TokenPair> {
  const current = await deps.refreshTokens.find(hashOpaqueToken(presented));
  if (!current) throw invalidToken('The refresh token is not valid; sign in again');
  if (current.status === 'rotated') throw await revokeAsReused(deps, current);
  if (current.status === 'revoked' || current.expiresAt <= deps.clock.now()) {
    throw invalidToken('The refresh token has expired or was revoked; sign in again');
  }
  const user = await deps.users.findById(current.userId);
  if (!user) throw invalidToken('The account of this refresh token no longer exists');
  const { token, record } = mintRefreshToken(deps, user.id, current.familyId);
  if (!(await deps.refreshTokens.rotate(current.hash, record)))
    throw await revokeAsReused(deps, current);
  return pairOf(deps, user, token, current.familyId);
}

/** Ends the session the token belongs to; unknown tokens are ignored so logout is idempotent. */
export async function logout(deps: AccountsDeps, presented: string): Promise<void> {
  const current = await deps.refreshTokens.find(hashOpaqueToken(presented));
  if (current) await deps.refreshTokens.revokeFamily(current.familyId);
}

/** Revokes the family of a token presented twice and returns the error to answer with. */
async function revokeAsReused(deps: AccountsDeps, record: RefreshTokenRecord): Promise<Error> {
  await deps.refreshTokens.revokeFamily(record.familyId);
  return invalidToken(
    'The refresh token was already used, so its session was revoked; sign in again',
  );
}

function invalidToken(detail: string) {
  return AccountsErrors.INVALID_REFRESH_TOKEN.create(detail);
}

function mintRefreshToken(
  deps: AccountsDeps,
  userId: string,
  familyId: string,
): { token: string; record: RefreshTokenRecord } {
  const now = deps.clock.now();
  const token = newOpaqueToken();
  const record: RefreshTokenRecord = {
    hash: hashOpaqueToken(token),
    familyId,
    userId,
    status: 'active',
    createdAt: now,
    expiresAt: now + deps.refreshTokenTtlSeconds * 1000,
  };
  return { token, record };
}

async function pairOf(
  deps: AccountsDeps,
  user: User,
  refreshToken: string,
  familyId: string,
): Promise<TokenPair> {
  // The family is the session: `sid` lets a password change keep exactly this one.
  const accessToken = await deps.accessTokens.issue({
    userId: user.id,
    roles: user.roles,
    sessionId: familyId,
  });
  return {
    accessToken,
    refreshToken,
    expiresIn: deps.accessTokens.ttlSeconds,
    refreshExpiresIn: deps.refreshTokenTtlSeconds,
    tokenType: 'Bearer',
  };
}
