import type { Selectable } from 'kysely';
import type { UserStore } from '../../../app/ports/user-store.ts';
import { AccountsErrors } from '../../../domain/errors.ts';
import { emailKey, type User } from '../../../domain/user.ts';
import { isUniqueViolation, type AccountsSchema, type SqlStoreContext } from './schema.ts';

type UserRow = Selectable<AccountsSchema['users']>;

/** Users in SQLite or PostgreSQL: the queries are portable, only error shapes differ. */
export class SqlUserStore implements UserStore {
  private readonly context: SqlStoreContext;

  constructor(context: SqlStoreContext) {
    this.context = context;
  }

  async create(user: User): Promise<void> {
    try {
      await this.context.db.insertInto('users').values(rowOf(user)).execute();
    } catch (error) {
      // The unique index decides, so two concurrent sign-ups with one email cannot both win.
      if (isUniqueViolation(error, 'users_email_key_unique', 'users.email_key')) {
        throw AccountsErrors.EMAIL_TAKEN.create(`The email ${user.email} is already registered`);
      }
      throw error;
    }
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.context.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && userOf(row);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.context.db
      .selectFrom('users')
      .selectAll()
      .where('email_key', '=', emailKey(email))
      .executeTakeFirst();
    return row && userOf(row);
  }

  async hasUserWithRole(role: string): Promise<boolean> {
    // Roles are a JSON array of plain names, so the quoted name matches one element exactly.
    const row = await this.context.db
      .selectFrom('users')
      .select('id')
      .where('roles', 'like', `%${JSON.stringify(role)}%`)
      .executeTakeFirst();
    return row !== undefined;
  }

  async update(user: User, expectedVersion: number): Promise<boolean> {
    const result = await this.context.db
      .updateTable('users')
      .set({ name: user.name, password_hash: user.passwordHash, version: expectedVersion + 1 })
      .where('id', '=', user.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
    version: Number(row.version),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
