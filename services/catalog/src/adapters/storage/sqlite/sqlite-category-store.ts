import { appendToOutbox, type CloudEvent } from '@emporium/kit';
import type { Transaction } from 'kysely';
import type { CatalogSchema } from './schema.ts';
import { writeInTransaction, type SqliteStoreOptions } from './transactional-write.ts';
import type { Category } from '../../../domain/category.ts';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { CategoryStore } from '../../../app/ports/category-store.ts';

export class SqliteCategoryStore implements CategoryStore {
  private readonly options: SqliteStoreOptions;

  constructor(options: SqliteStoreOptions) {
    this.options = options;
  }

  async create(category: Category, events: CloudEvent[]): Promise<void> {
    await this.write(async (db) => {
      await db.insertInto('categories').values(rowOf(category)).execute();
      await appendToOutbox(db, events, this.options.now());
    });
  }

  async update(category: Category, expectedVersion: number, events: CloudEvent[]): Promise<void> {
    await this.write(async (db) => {
      const result = await db
        .updateTable('categories')
        .set(rowOf(category))
        .where('id', '=', category.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw CatalogErrors.VERSION_MISMATCH.create(
          `Category ${category.id} is not at version ${expectedVersion}`,
        );
      }
      await appendToOutbox(db, events, this.options.now());
    });
  }

  async get(id: string): Promise<Category | undefined> {
    const row = await this.options.handle.db
      .selectFrom('categories')
      .select('doc')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.doc) as Category) : undefined;
  }

  async all(): Promise<Category[]> {
    const rows = await this.options.handle.db
      .selectFrom('categories')
      .select('doc')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.doc) as Category);
  }

  async close(): Promise<void> {
    // The handle is shared with the product store; the composition root closes it.
  }

  private write(work: (trx: Transaction<CatalogSchema>) => Promise<void>): Promise<void> {
    return writeInTransaction(this.options, work);
  }
}

function rowOf(category: Category) {
  return {
    id: category.id,
    slug: category.slug,
    parent_id: category.parentId,
    version: category.version,
    doc: JSON.stringify(category),
  };
}
