import type { Selectable } from 'kysely';
import type { RefreshTokenStore } from '../../../app/ports/refresh-token-store.ts';
import type { RefreshTokenRecord, RefreshTokenStatus } from '../../../domain/refresh-token.ts';
import type { AccountsSchema, SqlStoreContext } from './schema.ts';

type TokenRow = Selectable<AccountsSchema['refresh_tokens']>;

export class SqlRefreshTokenStore implements RefreshTokenStore {
  private readonly context: SqlStoreContext;

  constructor(context: SqlStoreContext) {
    this.context = context;
  }

  async insert(record: RefreshTokenRecord): Promise<void> {
    await this.context.db.insertInto('refresh_tokens').values(rowOf(record)).execute();
  }

  async find(hash: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.context.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row && recordOf(row);
  }

  async rotate(previousHash: string, next: RefreshTokenRecord): Promise<boolean> {
    return this.context.db.transaction().execute(async (trx) => {
      // Conditional on `active`: of two concurrent rotations of one token only one succeeds
      // (PostgreSQL re-checks the condition after the row lock the first one holds).
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
    await this.context.db
      .updateTable('refresh_tokens')
      .set({ status: 'revoked' })
      .where('family_id', '=', familyId)
      .execute();
  }

  async revokeUserSessions(userId: string, keepFamilyId?: string): Promise<void> {
    let query = this.context.db
      .updateTable('refresh_tokens')
      .set({ status: 'revoked' })
      .where('user_id', '=', userId)
      .where('status', '!=', 'revoked');
    if (keepFamilyId !== undefined) query = query.where('family_id', '!=', keepFamilyId);
    await query.execute();
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
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
