import type { JWK } from 'jose';
import type { SigningKeyRecord, SigningKeyStore } from '../../../app/ports/signing-key-store.ts';
import type { SqlStoreContext } from './schema.ts';

export class SqlSigningKeyStore implements SigningKeyStore {
  private readonly context: SqlStoreContext;

  constructor(context: SqlStoreContext) {
    this.context = context;
  }

  async list(): Promise<SigningKeyRecord[]> {
    const rows = await this.context.db
      .selectFrom('signing_keys')
      .selectAll()
      .orderBy('created_at')
      .orderBy('kid')
      .execute();
    return rows.map((row) => ({
      kid: row.kid,
      privateJwk: JSON.parse(row.private_jwk) as JWK,
      publicJwk: JSON.parse(row.public_jwk) as JWK,
      createdAt: Number(row.created_at),
    }));
  }

  async add(record: SigningKeyRecord): Promise<void> {
    // Two replicas starting together may both generate a first key; a repeated kid is a no-op.
    await this.context.db
      .insertInto('signing_keys')
      .values({
        kid: record.kid,
        private_jwk: JSON.stringify(record.privateJwk),
        public_jwk: JSON.stringify(record.publicJwk),
        created_at: record.createdAt,
      })
      .onConflict((conflict) => conflict.column('kid').doNothing())
      .execute();
  }
}
