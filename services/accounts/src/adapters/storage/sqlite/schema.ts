import type { Migration } from 'kysely/migration';

export interface AccountsSchema {
  users: {
    id: string;
    email: string;
    /** Lower-cased email: the unique, case-insensitive lookup key. */
    email_key: string;
    name: string;
    password_hash: string;
    /** JSON array of role names. */
    roles: string;
    version: number;
    created_at: number;
  };
  refresh_tokens: {
    hash: string;
    family_id: string;
    user_id: string;
    status: string;
    created_at: number;
    expires_at: number;
  };
  signing_keys: { kid: string; private_jwk: string; public_jwk: string; created_at: number };
}

export const accountsMigrations: Record<string, Migration> = {
  '0001_accounts': {
    async up(db) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('refresh_tokens')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('refresh_tokens_family')
        .on('refresh_tokens')
        .column('family_id')
        .execute();
      // The private key sits beside the data it protects; in production it belongs in a KMS/secret store.
      await db.schema
        .createTable('signing_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};
