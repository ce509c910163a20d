import { createHash, randomBytes } from 'node:crypto';

export type RefreshTokenStatus = 'active' | 'rotated' | 'revoked';

/**
 * One refresh token as stored: only its hash, so a leaked database does not hand out
 * sessions. Every token descends from one login; they share a `familyId`, which is
 * what reuse detection revokes.
 */
export interface RefreshTokenRecord {
  hash: string;
  familyId: string;
  userId: string;
  status: RefreshTokenStatus;
  createdAt: number;
  expiresAt: number;
}

/** 256 random bits: unguessable, so a fast hash (sha256) is enough to store it. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
