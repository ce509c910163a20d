import type { Cache, CloudEvent } from '@emporium/kit';
import type { Product } from '../../domain/product.ts';
import type {
  ProductJsonPage,
  ProductListQuery,
  ProductStore,
  StoredProductJson,
} from '../../app/ports/product-store.ts';

export interface CachedProductStoreOptions {
  store: ProductStore;
  cache: Cache;
  ttlMs: number;
}

const keyOf = (id: string) => `catalog:product:${id}`;

/**
 * Read-through cache (Redis, shared by every instance) in front of a product store
 * whose reads cost a network round trip (DynamoDB). Reads by id are cached; a write
 * drops the entry after it commits, and consumers of the product's events drop it
 * again (`invalidate`), which closes the window where a read racing the write could
 * have put the old document back. The TTL bounds whatever slips through.
 */
export class CachedProductStore implements ProductStore {
  private readonly options: CachedProductStoreOptions;

  constructor(options: CachedProductStoreOptions) {
    this.options = options;
  }

  async getJson(idOrSlug: string): Promise<StoredProductJson | undefined> {
    if (!idOrSlug.startsWith('prd_')) return this.options.store.getJson(idOrSlug);
    const cached = await this.options.cache
      .get<StoredProductJson>(keyOf(idOrSlug))
      .catch(() => undefined);
    if (cached) return cached;
    const stored = await this.options.store.getJson(idOrSlug);
    if (stored)
      await this.options.cache
        .set(keyOf(idOrSlug), stored, this.options.ttlMs)
        .catch(() => undefined);
    return stored;
  }

  async invalidate(id: string): Promise<void> {
    await this.options.cache.delete(keyOf(id)).catch(() => undefined);
  }

  async create(product: Product, events: CloudEvent[]): Promise<void> {
    await this.options.store.create(product, events);
    await this.invalidate(product.id);
  }

  async createMany(products: Product[], events: CloudEvent[]): Promise<void> {
    await this.options.store.createMany(products, events);
    await Promise.all(products.map((product) => this.invalidate(product.id)));
  }

  async update(product: Product, expectedVersion: number, events: CloudEvent[]): Promise<void> {
    await this.options.store.update(product, expectedVersion, events);
    await this.invalidate(product.id);
  }

  get(id: string): Promise<Product | undefined> {
    return this.options.store.get(id);
  }

  list(query: ProductListQuery): Promise<ProductJsonPage> {
    return this.options.store.list(query);
  }

  idsInCategories(categoryIds: string[]): Promise<string[]> {
    return this.options.store.idsInCategories(categoryIds);
  }

  productIdsOfSkus(skus: readonly string[]): Promise<Map<string, string>> {
    return this.options.store.productIdsOfSkus(skus);
  }

  scan(batchSize: number): AsyncIterable<Product[]> {
    return this.options.store.scan(batchSize);
  }

  close(): Promise<void> {
    return this.options.store.close();
  }
}
