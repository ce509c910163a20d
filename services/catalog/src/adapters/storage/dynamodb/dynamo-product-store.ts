import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudEvent } from '@emporium/kit';
import type {
  ProductJsonPage,
  ProductListQuery,
  ProductStore,
  StoredProductJson,
} from '../../../app/ports/product-store.ts';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { Product } from '../../../domain/product.ts';
import { appendEvents } from '@emporium/kit/dynamodb';
import { keys, type ItemKey } from './keys.ts';
import { ProductList, storedOf } from './product-list.ts';
import { addCreate, addUpdate, chunkCreates } from './product-writes.ts';
import { batchGet, type Item } from './query.ts';
import { TxOps, commit } from './transaction.ts';

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
  /** Called after each commit, to wake the outbox relay. */
  onCommit: () => void;
}

/** Products on the catalog's single table; README.md describes the items and indexes. */
export class DynamoProductStore implements ProductStore {
  private readonly options: DynamoStoreOptions;
  private readonly lists: ProductList;

  constructor(options: DynamoStoreOptions) {
    this.options = options;
    this.lists = new ProductList(options.client, options.tableName);
  }

  async create(product: Product, events: CloudEvent[]): Promise<void> {
    const ops = new TxOps(this.options.tableName);
    addCreate(ops, product);
    appendEvents(ops, events, this.options.now());
    await this.commit(ops);
  }

  /**
   * Atomic per chunk of up to 100 items, not as a whole (DynamoDB's transaction cap):
   * when a later chunk fails, the earlier ones stay committed, with their events.
   */
  async createMany(products: Product[], events: CloudEvent[]): Promise<void> {
    const chunks = chunkCreates(this.options.tableName, products, events, this.options.now());
    for (const chunk of chunks) await this.commit(chunk);
  }

  async update(product: Product, expectedVersion: number, events: CloudEvent[]): Promise<void> {
    const current = await this.get(product.id);
    if (!current || current.version !== expectedVersion) {
      throw CatalogErrors.VERSION_MISMATCH.create(
        `Product ${product.id} is not at version ${expectedVersion}`,
      );
    }
    const ops = new TxOps(this.options.tableName);
    addUpdate(ops, current, product, expectedVersion);
    appendEvents(ops, events, this.options.now());
    await this.commit(ops);
  }

  async get(id: string): Promise<Product | undefined> {
    const item = await this.read(keys.product(id));
    return item ? (JSON.parse(String(item['doc'])) as Product) : undefined;
  }

  /** By id, or by slug through the slug's claim item: two strongly consistent reads. */
  async getJson(idOrSlug: string): Promise<StoredProductJson | undefined> {
    if (idOrSlug.startsWith('prd_')) {
      const item = await this.read(keys.product(idOrSlug));
      return item ? storedOf(item) : undefined;
    }
    const claim = await this.read(keys.slug(idOrSlug));
    if (!claim) return undefined;
    const item = await this.read(keys.product(String(claim['ownerId'])));
    // The slug may have moved between the two reads.
    return item?.['slug'] === idOrSlug ? storedOf(item) : undefined;
  }

  async list(query: ProductListQuery): Promise<ProductJsonPage> {
    return this.lists.list(query);
  }

  async idsInCategories(categoryIds: string[]): Promise<string[]> {
    return this.lists.idsIn(categoryIds);
  }

  /** One strongly consistent BatchGet of the SKU claims, 100 keys per request. */
  async productIdsOfSkus(skus: readonly string[]): Promise<Map<string, string>> {
    const claims = await batchGet(
      this.options.client,
      this.options.tableName,
      [...new Set(skus)].map(keys.sku),
    );
    return new Map(
      claims.map((claim) => [String(claim['PK']).slice('SKU#'.length), String(claim['ownerId'])]),
    );
  }

  async *scan(batchSize: number): AsyncIterable<Product[]> {
    let batch: Product[] = [];
    for await (const item of this.lists.all()) {
      batch.push(JSON.parse(String(item['doc'])) as Product);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async close(): Promise<void> {
    // The client is shared with the category store and outbox; the factory closes it.
  }

  private async read(key: ItemKey): Promise<Item | undefined> {
    const result = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }

  private async commit(ops: TxOps): Promise<void> {
    await commit(this.options.client, ops.ops);
    this.options.onCommit();
  }
}
