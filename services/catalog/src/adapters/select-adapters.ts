import { join } from 'node:path';
import { SqliteOutboxStore, openSqlite, type Clock, type OutboxStore } from '@emporium/kit';
import type { CategoryStore } from '../app/ports/category-store.ts';
import type { ImageProcessor } from '../app/ports/image-processor.ts';
import type { MediaStore } from '../app/ports/media-store.ts';
import type { ProductStore } from '../app/ports/product-store.ts';
import type { SearchIndex } from '../app/ports/search-index.ts';
import type { SkuOfferStore } from '../app/ports/sku-offer-store.ts';
import type { CatalogConfig } from '../config.ts';
import { CachedProductStore } from './storage/cached-product-store.ts';
import { DiskMediaStore } from './media/disk/disk-media-store.ts';
import { SharpImageProcessor } from './media/sharp/sharp-image-processor.ts';
import { EmbeddedSearchIndex } from './search/embedded/embedded-search-index.ts';
import { catalogMigrations, type CatalogSchema } from './storage/sqlite/schema.ts';
import { SqliteCategoryStore } from './storage/sqlite/sqlite-category-store.ts';
import { SqliteProductStore } from './storage/sqlite/sqlite-product-store.ts';
import { SqliteSkuOfferStore } from './storage/sqlite/sqlite-sku-offer-store.ts';

export interface CatalogAdapters {
  products: ProductStore;
  categories: CategoryStore;
  /** Prices and stock per SKU, from pricing and inventory events. */
  offers: SkuOfferStore;
  outbox: OutboxStore;
  search: SearchIndex;
  media: MediaStore;
  images: ImageProcessor;
  /** Drops a product from a shared read cache, when there is one (on its events). */
  invalidate?: (id: string) => Promise<void>;
  /** Probes for /health/ready. */
  readiness: { name: string; check(): Promise<void> | void }[];
  close(): Promise<void>;
}

interface Wiring {
  clock: Clock;
  /** After every commit that wrote events. */
  onCommit: () => void;
}

/**
 * Every adapter the configuration names; the only place that knows which exist. Engine
 * clients are imported only when chosen, so embedded mode never loads the AWS SDK.
 */
export async function selectAdapters(
  config: CatalogConfig,
  wiring: Wiring,
): Promise<CatalogAdapters> {
  const stores = await withReadCache(config, await selectStores(config, wiring));
  const media = await selectMedia(config);
  const search = await selectSearch(config);
  return {
    ...stores,
    media: media.media,
    images: new SharpImageProcessor({
      maxDimension: config.CATALOG_MAX_IMAGE_DIMENSION,
      maxPixels: config.CATALOG_MAX_IMAGE_PIXELS,
    }),
    search: search.index,
    readiness: [...stores.readiness],
    async close() {
      await search.close();
      await media.close();
      await stores.close();
    },
  };
}

async function selectStores(config: CatalogConfig, { clock, onCommit }: Wiring) {
  const now = () => clock.now();
  if (config.CATALOG_STORE === 'dynamodb') {
    const { createDynamoStores } = await import('./storage/dynamodb/create-dynamo-stores.ts');
    const dynamo = await createDynamoStores({
      region: config.AWS_REGION,
      tableName: config.CATALOG_DYNAMODB_TABLE,
      onCommit,
      now,
      ...aws(config),
    });
    return {
      ...dynamo,
      readiness: [{ name: 'dynamodb', check: async () => void (await dynamo.outbox.pending(1)) }],
    };
  }
  const handle = await openSqlite<CatalogSchema>({
    path: config.CATALOG_DB_PATH || join(config.DATA_DIR, 'catalog.sqlite'),
    migrations: catalogMigrations,
  });
  const options = { handle, now, onCommit };
  return {
    products: new SqliteProductStore(options),
    categories: new SqliteCategoryStore(options),
    offers: new SqliteSkuOfferStore(handle),
    outbox: new SqliteOutboxStore(handle, clock),
    readiness: [{ name: 'sqlite', check: () => void handle.raw.prepare('SELECT 1').get() }],
    close: () => handle.close(),
  };
}

async function selectMedia(
  config: CatalogConfig,
): Promise<{ media: MediaStore; close(): Promise<void> }> {
  if (config.MEDIA === 's3') {
    const { createS3Media } = await import('./media/s3/create-s3-media.ts');
    return createS3Media({
      region: config.AWS_REGION,
      bucket: config.S3_BUCKET,
      publicBaseUrl: config.MEDIA_PUBLIC_URL,
      ...aws(config),
    });
  }
  const media = new DiskMediaStore({
    root: config.MEDIA_DIR || join(config.DATA_DIR, 'media'),
    publicBaseUrl: config.MEDIA_PUBLIC_URL,
  });
  return { media, close: () => media.close() };
}

async function selectSearch(
  config: CatalogConfig,
): Promise<{ index: SearchIndex; close(): Promise<void> }> {
  const index =
    config.SEARCH === 'opensearch'
      ? await (
          await import('./search/opensearch/opensearch-search-index.ts')
        ).createOpenSearchIndex({
          node: config.OPENSEARCH_URL,
          index: config.OPENSEARCH_INDEX,
          // Catalog writes are rare: refresh per write so the indexer never waits for the next refresh.
          refresh: true,
        })
      : new EmbeddedSearchIndex();
  return { index, close: () => index.close() };
}

/** CACHE=redis: product reads go through a cache shared by every instance. */
async function withReadCache<T extends { products: ProductStore; close(): Promise<void> }>(
  config: CatalogConfig,
  stores: T,
): Promise<T & { invalidate?: (id: string) => Promise<void> }> {
  if (config.CACHE !== 'redis') return stores;
  const { RedisCache } = await import('@emporium/kit/redis');
  const cache = new RedisCache({
    url: config.REDIS_URL,
    keyPrefix: `${config.KAFKA_TOPIC_PREFIX}emporium:`,
  });
  const products = new CachedProductStore({ store: stores.products, cache, ttlMs: 60_000 });
  return {
    ...stores,
    products,
    invalidate: (id: string) => products.invalidate(id),
    close: async () => {
      await cache.close();
      await stores.close();
    },
  };
}

/** The emulator endpoint and its dummy credentials, when one is configured. */
function aws(config: CatalogConfig) {
  if (!config.AWS_ENDPOINT_URL) return {};
  return {
    endpoint: config.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
