import type { RefreshTokenRecord } from '../../domain/refresh-token.ts';

export interface RefreshTokenStore {
  insert(record: RefreshTokenRecord): Promise<void>;
  find(hash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Marks `previousHash` rotated and stores `next`, atomically. False when the previous
   * token was no longer active (a concurrent rotation won), so the caller treats it as reuse.
   */
  rotate(previousHash: string, next: RefreshTokenRecord): Promise<boolean>;
  revokeFamily(familyId: string): Promise<void>;
  /** Revokes every session of the user except the family `keepFamilyId` (none when undefined). */
  revokeUserSessions(userId: string, keepFamilyId?: string): Promise<void>;
}
