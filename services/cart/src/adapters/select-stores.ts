import { join } from 'node:path';
import {
  MemoryCache,
  SqliteOutboxStore,
  openSqlite,
  type Cache,
  type Clock,
  type OutboxStore,
} from '@emporium/kit';
import type { CartStore } from '../app/ports/cart-store.ts';
import type { CartConfig } from '../config.ts';
import { cartMigrations, type CartSchema } from './storage/sqlite/schema.ts';
import { SqliteCartStore } from './storage/sqlite/sqlite-cart-store.ts';

export interface CartAdapters {
  store: CartStore;
  outbox: OutboxStore;
  cache: Cache;
  readiness: { name: string; check(): Promise<void> | void }[];
  close(): Promise<void>;
}

interface Wiring {
  clock: Clock;
  onCommit: () => void;
}

/** The store and cache the configuration names; AWS SDK and ioredis load only when chosen. */
export async function selectStores(config: CartConfig, wiring: Wiring): Promise<CartAdapters> {
  const cache = await selectCache(config, wiring.clock);
  try {
    const storage = await selectStorage(config, wiring);
    return {
      ...storage,
      cache,
      async close() {
        await storage.close();
        await cache.close();
      },
    };
  } catch (error) {
    await cache.close();
    throw error;
  }
}

async function selectCache(config: CartConfig, clock: Clock): Promise<Cache> {
  if (config.CACHE === 'redis') {
    const { RedisCache } = await import('@emporium/kit/redis');
    return new RedisCache({ url: config.REDIS_URL, keyPrefix: config.CART_CACHE_PREFIX });
  }
  // The snapshot cache never changes a value it set or read: no JSON round trip per look-up.
  return new MemoryCache({ maxEntries: 200_000, clock, byReference: true });
}

async function selectStorage(
  config: CartConfig,
  { clock, onCommit }: Wiring,
): Promise<Omit<CartAdapters, 'cache'>> {
  const now = () => clock.now();
  if (config.CART_STORE === 'dynamodb') {
    const { createDynamoCart } = await import('./storage/dynamodb/create-dynamo-cart.ts');
    const dynamo = await createDynamoCart({
      region: config.AWS_REGION,
      tableName: config.CART_DYNAMODB_TABLE,
      onCommit,
      now,
      ...(config.AWS_ENDPOINT_URL
        ? {
            endpoint: config.AWS_ENDPOINT_URL,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
    });
    return {
      ...dynamo,
      readiness: [{ name: 'dynamodb', check: async () => void (await dynamo.outbox.pending(1)) }],
    };
  }
  const handle = await openSqlite<CartSchema>({
    path: config.CART_DB_PATH || join(config.DATA_DIR, 'cart.sqlite'),
    migrations: cartMigrations,
  });
  return {
    store: new SqliteCartStore({
      handle,
      now,
      onCommit,
      groupWaitMs: config.CART_GROUP_COMMIT_MS,
    }),
    outbox: new SqliteOutboxStore(handle, clock),
    readiness: [{ name: 'sqlite', check: () => void handle.raw.prepare('SELECT 1').get() }],
    close: () => handle.close(),
  };
}
