import type { SqliteHandle } from '@emporium/kit';
import type { JWK } from 'jose';
import type { SigningKeyRecord, SigningKeyStore } from '../../../app/ports/signing-key-store.ts';
import type { AccountsSchema } from './schema.ts';

export class SqliteSigningKeyStore implements SigningKeyStore {
  private readonly handle: SqliteHandle<AccountsSchema>;

  constructor(handle: SqliteHandle<AccountsSchema>) {
    this.handle = handle;
  }

  async list(): Promise<SigningKeyRecord[]> {
    const rows = await this.handle.db
      .selectFrom('signing_keys')
      .selectAll()
      .orderBy('created_at')
      .orderBy('kid')
      .execute();
    return rows.map((row) => ({
      kid: row.kid,
      privateJwk: JSON.parse(row.private_jwk) as JWK,
      publicJwk: JSON.parse(row.public_jwk) as JWK,
      createdAt: row.created_at,
    }));
  }

  async add(record: SigningKeyRecord): Promise<void> {
    await this.handle.db
      .insertInto('signing_keys')
      .values({
        kid: record.kid,
        private_jwk: JSON.stringify(record.privateJwk),
        public_jwk: JSON.stringify(record.publicJwk),
        created_at: record.createdAt,
      })
      .execute();
  }
}
