import type { SqliteHandle } from '@emporium/kit';
import type { Selectable } from 'kysely';
import type { RefreshTokenStore } from '../../../app/ports/refresh-token-store.ts';
import type { RefreshTokenRecord, RefreshTokenStatus } from '../../../domain/refresh-token.ts';
import type { AccountsSchema } from './schema.ts';

type TokenRow = Selectable<AccountsSchema['refresh_tokens']>;

export class SqliteRefreshTokenStore implements RefreshTokenStore {
  private readonly handle: SqliteHandle<AccountsSchema>;

  constructor(handle: SqliteHandle<AccountsSchema>) {
    this.handle = handle;
  }

  async insert(record: RefreshTokenRecord): Promise<void> {
    await this.handle.db.insertInto('refresh_tokens').values(rowOf(record)).execute();
  }

  async find(hash: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.handle.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row && recordOf(row);
  }

  async rotate(previousHash: string, next: RefreshTokenRecord): Promise<boolean> {
    return this.handle.db.transaction().execute(async (trx) => {
      // Conditional on `active`: of two concurrent rotations of one token only one succeeds.
      const result = await trx
        .updateTable('refresh_tokens')
        .set({ status: 'rotated' })
        .where('hash', '=', previousHash)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx.insertInto('refresh_tokens').values(rowOf(next)).execute();
      return true;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.handle.db
      .updateTable('refresh_tokens')
      .set({ status: 'revoked' })
      .where('family_id', '=', familyId)
      .execute();
  }
}

function rowOf(record: RefreshTokenRecord): TokenRow {
  return {
    hash: record.hash,
    family_id: record.familyId,
    user_id: record.userId,
    status: record.status,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
  };
}

function recordOf(row: TokenRow): RefreshTokenRecord {
  return {
    hash: row.hash,
    familyId: row.family_id,
    userId: row.user_id,
    status: row.status as RefreshTokenStatus,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
