import type { SqliteHandle } from '@emporium/kit';
import { sql, type Selectable } from 'kysely';
import type { UserStore } from '../../../app/ports/user-store.ts';
import { AccountsErrors } from '../../../domain/errors.ts';
import { emailKey, type User } from '../../../domain/user.ts';
import type { AccountsSchema } from './schema.ts';

type UserRow = Selectable<AccountsSchema['users']>;

export class SqliteUserStore implements UserStore {
  private readonly handle: SqliteHandle<AccountsSchema>;

  constructor(handle: SqliteHandle<AccountsSchema>) {
    this.handle = handle;
  }

  async create(user: User): Promise<void> {
    try {
      await this.handle.db.insertInto('users').values(rowOf(user)).execute();
    } catch (error) {
      // The unique index decides, so two concurrent sign-ups with one email cannot both win.
      if (
        error instanceof Error &&
        error.message.includes('UNIQUE constraint failed: users.email_key')
      ) {
        throw AccountsErrors.EMAIL_TAKEN.create(`The email ${user.email} is already registered`);
      }
      throw error;
    }
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.handle.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && userOf(row);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.handle.db
      .selectFrom('users')
      .selectAll()
      .where('email_key', '=', emailKey(email))
      .executeTakeFirst();
    return row && userOf(row);
  }

  async hasUserWithRole(role: string): Promise<boolean> {
    const row = await this.handle.db
      .selectFrom('users')
      .select('id')
      .where(
        sql<boolean>`exists (select 1 from json_each(users.roles) where json_each.value = ${role})`,
      )
      .executeTakeFirst();
    return row !== undefined;
  }
}

function rowOf(user: User): UserRow {
  return {
    id: user.id,
    email: user.email,
    email_key: emailKey(user.email),
    name: user.name,
    password_hash: user.passwordHash,
    roles: JSON.stringify(user.roles),
    version: user.version,
    created_at: Date.parse(user.createdAt),
  };
}

function userOf(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
