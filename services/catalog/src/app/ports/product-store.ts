import type { CloudEvent } from '@emporium/kit';
import type { Product, ProductStatus } from '../../domain/product.ts';

export interface ProductListQuery {
  /** Any of these category ids (the caller expands a category to its subtree). */
  categoryIds?: string[];
  /** Case-insensitive exact brand. */
  brand?: string;
  statuses: ProductStatus[];
  limit: number;
  /** Id of the last product of the previous page; pages run newest first. */
  after?: string;
}

/**
 * A product as stored: the JSON document is kept serialized, so reads hand it to
 * the client without parsing and re-serializing (the hot path of the catalog).
 */
export interface StoredProductJson {
  id: string;
  status: ProductStatus;
  version: number;
  json: string;
}

export interface ProductJsonPage {
  items: StoredProductJson[];
  /** Id to pass as `after` for the next page, or null on the last page. */
  nextAfter: string | null;
}

/**
 * Products with their SKUs. Every write takes the events describing it and commits
 * them to the outbox atomically with the change.
 */
export interface ProductStore {
  create(product: Product, events: CloudEvent[]): Promise<void>;
  /** Bulk import in one transaction: all or nothing. */
  createMany(products: Product[], events: CloudEvent[]): Promise<void>;
  /** Fails with VERSION_MISMATCH unless the stored version is `expectedVersion`. */
  update(product: Product, expectedVersion: number, events: CloudEvent[]): Promise<void>;
  get(id: string): Promise<Product | undefined>;
  getJson(idOrSlug: string): Promise<StoredProductJson | undefined>;
  list(query: ProductListQuery): Promise<ProductJsonPage>;
  /** Ids of products in any of these categories, for reindexing after a category change. */
  idsInCategories(categoryIds: string[]): Promise<string[]>;
  /** The product owning each SKU; SKUs no product has are absent (price and stock events). */
  productIdsOfSkus(skus: readonly string[]): Promise<Map<string, string>>;
  /** Every product, in id order, a batch at a time (reindexing). */
  scan(batchSize: number): AsyncIterable<Product[]>;
  close(): Promise<void>;
}
