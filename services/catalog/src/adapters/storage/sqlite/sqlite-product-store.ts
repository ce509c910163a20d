import { appendToOutbox, type CloudEvent } from '@emporium/kit';
import type { Transaction } from 'kysely';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { Product } from '../../../domain/product.ts';
import type {
  ProductJsonPage,
  ProductListQuery,
  ProductStore,
  StoredProductJson,
} from '../../../app/ports/product-store.ts';
import type { CatalogSchema } from './schema.ts';
import { writeInTransaction, type SqliteStoreOptions } from './transactional-write.ts';
import { ProductReads } from './product-reads.ts';

/**
 * SQLite allows 32,766 bound variables per statement. Bulk writes bind at most this many
 * per INSERT, however large an import is: a multi-row INSERT per chunk is also what makes
 * 50,000 products one transaction of a few hundred statements instead of 150,000.
 */
export const MAX_VARIABLES_PER_STATEMENT = 10_000;

/** Rows of `columns` values each that fit in one statement. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_VARIABLES_PER_STATEMENT / columns));
}

export function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

export class SqliteProductStore implements ProductStore {
  private readonly options: SqliteStoreOptions;
  private readonly reads: ProductReads;

  constructor(options: SqliteStoreOptions) {
    this.options = options;
    this.reads = new ProductReads(options.handle.raw);
  }

  async create(product: Product, events: CloudEvent[]): Promise<void> {
    await this.write(async (trx) => {
      await trx.insertInto('products').values(rowOf(product)).execute();
      await this.writeChildren(trx, product);
      await appendToOutbox(trx, events, this.options.now());
    });
  }

  /** One transaction (all or nothing), written in statements small enough for SQLite. */
  async createMany(products: Product[], events: CloudEvent[]): Promise<void> {
    const rows = products.map(rowOf);
    const categories = products.flatMap(categoryRowsOf);
    const skus = products.flatMap(skuRowsOf);
    await this.write(async (trx) => {
      for (const chunk of chunksOf(rows, rowsPerStatement(COLUMNS.products)))
        await trx.insertInto('products').values(chunk).execute();
      for (const chunk of chunksOf(categories, rowsPerStatement(2)))
        await trx.insertInto('product_categories').values(chunk).execute();
      for (const chunk of chunksOf(skus, rowsPerStatement(2)))
        await trx.insertInto('product_skus').values(chunk).execute();
      const now = this.options.now();
      for (const chunk of chunksOf(events, rowsPerStatement(COLUMNS.outbox)))
        await appendToOutbox(trx, chunk, now);
    });
  }

  async update(product: Product, expectedVersion: number, events: CloudEvent[]): Promise<void> {
    await this.write(async (trx) => {
      const result = await trx
        .updateTable('products')
        .set(rowOf(product))
        .where('id', '=', product.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw CatalogErrors.VERSION_MISMATCH.create(
          `Product ${product.id} is not at version ${expectedVersion}`,
        );
      }
      await trx.deleteFrom('product_categories').where('product_id', '=', product.id).execute();
      await trx.deleteFrom('product_skus').where('product_id', '=', product.id).execute();
      await this.writeChildren(trx, product);
      await appendToOutbox(trx, events, this.options.now());
    });
  }

  async get(id: string): Promise<Product | undefined> {
    const row = await this.options.handle.db
      .selectFrom('products')
      .select('doc')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.doc) as Product) : undefined;
  }

  async getJson(idOrSlug: string): Promise<StoredProductJson | undefined> {
    return this.reads.get(idOrSlug);
  }

  async list(query: ProductListQuery): Promise<ProductJsonPage> {
    return this.reads.list(query);
  }

  async idsInCategories(categoryIds: string[]): Promise<string[]> {
    if (categoryIds.length === 0) return [];
    const rows = await this.options.handle.db
      .selectFrom('product_categories')
      .select('product_id')
      .distinct()
      .where('category_id', 'in', categoryIds)
      .execute();
    return rows.map((row) => row.product_id);
  }

  async productIdsOfSkus(skus: readonly string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const chunk of chunksOf([...skus], MAX_VARIABLES_PER_STATEMENT)) {
      const rows = await this.options.handle.db
        .selectFrom('product_skus')
        .select(['sku', 'product_id'])
        .where('sku', 'in', chunk)
        .execute();
      for (const row of rows) owners.set(row.sku, row.product_id);
    }
    return owners;
  }

  async *scan(batchSize: number): AsyncIterable<Product[]> {
    let after = '';
    for (;;) {
      const rows = await this.options.handle.db
        .selectFrom('products')
        .select(['id', 'doc'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.doc) as Product);
      after = rows.at(-1)!.id;
    }
  }

  async close(): Promise<void> {
    // The handle is shared with the category store; the composition root closes it.
  }

  private write(work: (trx: Transaction<CatalogSchema>) => Promise<void>): Promise<void> {
    return writeInTransaction(this.options, work);
  }

  private async writeChildren(trx: Transaction<CatalogSchema>, product: Product): Promise<void> {
    const categories = categoryRowsOf(product);
    if (categories.length > 0)
      await trx.insertInto('product_categories').values(categories).execute();
    await trx.insertInto('product_skus').values(skuRowsOf(product)).execute();
  }
}

/** Values bound per row (the outbox's are the kit's appendToOutbox). */
const COLUMNS = { products: 8, outbox: 9 };

function categoryRowsOf(product: Product): CatalogSchema['product_categories'][] {
  return product.categoryIds.map((categoryId) => ({
    product_id: product.id,
    category_id: categoryId,
  }));
}

function skuRowsOf(product: Product): CatalogSchema['product_skus'][] {
  return product.variants.map((variant) => ({ sku: variant.sku, product_id: product.id }));
}

function rowOf(product: Product): CatalogSchema['products'] {
  return {
    id: product.id,
    slug: product.slug,
    status: product.status,
    brand_key: product.brand.toLowerCase(),
    version: product.version,
    created_at: Date.parse(product.createdAt),
    updated_at: Date.parse(product.updatedAt),
    doc: JSON.stringify(product),
  };
}
