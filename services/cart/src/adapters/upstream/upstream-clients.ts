import { CatalogClient, InventoryClient, PricingClient, type Product } from '@emporium/contracts';
import { ServiceClient, type BreakerState, type Logger } from '@emporium/kit';
import type { Upstreams } from '../../app/ports/upstreams.ts';
import type { ProductSnapshot } from '../../domain/cart.ts';
import type { CartConfig } from '../../config.ts';

/** The variant of one SKU as the cart shows it. */
export function snapshotOf(product: Product, sku: string): ProductSnapshot | undefined {
  const variant = product.variants.find((candidate) => candidate.sku === sku);
  if (!variant || product.status !== 'active') return undefined;
  return {
    sku,
    productId: product.id,
    name: product.name,
    image: product.images[0]?.url ?? null,
    options: variant.options,
  };
}

export interface UpstreamClients {
  upstreams: Upstreams;
  /** Each upstream's circuit breaker, by name (health, metrics, tests). */
  breakers(): Record<'catalog' | 'pricing' | 'inventory', BreakerState>;
  close(): Promise<void>;
}

/**
 * Catalog, pricing and inventory through their typed clients on the kit's ServiceClient:
 * a timeout per attempt, retries of idempotent reads, and a circuit breaker per upstream
 * that opens after CART_BREAKER_FAILURES failures, so a read while one is down is
 * answered from the cache at once instead of after a timeout (ADR 0027). The routes the
 * cart calls are public reads and quotes: no token is needed.
 */
export function createUpstreamClients(config: CartConfig, logger: Logger): UpstreamClients {
  const http = (name: string, baseUrl: string, retries: number) =>
    new ServiceClient({
      name,
      baseUrl,
      logger,
      timeoutMs: config.CART_UPSTREAM_TIMEOUT_MS,
      retries,
      breaker: {
        consecutiveFailures: config.CART_BREAKER_FAILURES,
        halfOpenAfterMs: config.CART_BREAKER_HALF_OPEN_MS,
      },
      connections: 16,
    });
  // One retry for reads; a quote (POST) is not repeated by the client.
  const catalog = new CatalogClient(http('catalog', config.CATALOG_URL, 1));
  const pricing = new PricingClient(http('pricing', config.PRICING_URL, 0));
  const inventory = new InventoryClient(http('inventory', config.INVENTORY_URL, 1));
  const upstreams: Upstreams = {
    products: {
      async productsOf(skus) {
        const products = await catalog.productsBySku(skus);
        const found = new Map<string, ProductSnapshot>();
        for (const product of products)
          for (const sku of skus) {
            const snapshot = snapshotOf(product, sku);
            if (snapshot) found.set(sku, snapshot);
          }
        return found;
      },
    },
    stock: {
      async availableOf(skus) {
        const found = new Map<string, { available: number; version: number }>();
        for (let start = 0; start < skus.length; start += 100) {
          const batch = await inventory.getMany(skus.slice(start, start + 100));
          for (const level of batch.items)
            found.set(level.sku, { available: level.available, version: level.version });
          for (const sku of batch.unknown) found.set(sku, { available: 0, version: 0 });
        }
        return found;
      },
    },
    quotes: { quote: (request) => pricing.quote(request) },
  };
  return {
    upstreams,
    breakers: () => ({
      catalog: catalog.breakerState(),
      pricing: pricing.breakerState(),
      inventory: inventory.breakerState(),
    }),
    close: async () => {
      await Promise.all([catalog.close(), pricing.close(), inventory.close()]);
    },
  };
}
