import type { Selectable } from 'kysely';
import type { AddressStore } from '../../../app/ports/address-store.ts';
import type { Address } from '../../../domain/address.ts';
import type { AccountsSchema, SqlStoreContext } from './schema.ts';

type AddressRow = Selectable<AccountsSchema['addresses']>;

export class SqlAddressStore implements AddressStore {
  private readonly context: SqlStoreContext;

  constructor(context: SqlStoreContext) {
    this.context = context;
  }

  async listByUser(userId: string): Promise<Address[]> {
    const rows = await this.context.db
      .selectFrom('addresses')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(addressOf);
  }

  async find(userId: string, id: string): Promise<Address | undefined> {
    const row = await this.context.db
      .selectFrom('addresses')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && addressOf(row);
  }

  async insert(address: Address, limit: number): Promise<boolean> {
    return this.context.db.transaction().execute(async (trx) => {
      // SQLite runs one transaction at a time; PostgreSQL needs the owner's row locked, or two
      // concurrent inserts would both count 19 and both pass.
      if (this.context.dialect === 'postgres') {
        await trx
          .selectFrom('users')
          .select('id')
          .where('id', '=', address.userId)
          .forUpdate()
          .execute();
      }
      const { count } = await trx
        .selectFrom('addresses')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_id', '=', address.userId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= limit) return false;
      await trx.insertInto('addresses').values(rowOf(address)).execute();
      return true;
    });
  }

  async update(address: Address, expectedVersion: number): Promise<boolean> {
    // Identity and creation time never change, so they are not part of the SET.
    const { id: _id, user_id: _owner, created_at: _created, ...changes } = rowOf(address);
    const result = await this.context.db
      .updateTable('addresses')
      .set(changes)
      .where('id', '=', address.id)
      .where('user_id', '=', address.userId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async remove(userId: string, id: string, expectedVersion?: number): Promise<boolean> {
    let query = this.context.db
      .deleteFrom('addresses')
      .where('id', '=', id)
      .where('user_id', '=', userId);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}

function rowOf(address: Address): AddressRow {
  return {
    id: address.id,
    user_id: address.userId,
    name: address.name,
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region ?? null,
    postal_code: address.postalCode,
    country: address.country,
    phone: address.phone ?? null,
    version: address.version,
    created_at: Date.parse(address.createdAt),
    updated_at: Date.parse(address.updatedAt),
  };
}

function addressOf(row: AddressRow): Address {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    line1: row.line1,
    ...(row.line2 === null ? {} : { line2: row.line2 }),
    city: row.city,
    ...(row.region === null ? {} : { region: row.region }),
    postalCode: row.postal_code,
    country: row.country,
    ...(row.phone === null ? {} : { phone: row.phone }),
    version: Number(row.version),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}
