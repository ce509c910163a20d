/**
 * The one list of Emporium's services. The embedded and distributed launchers, the
 * gateway's route table and upstream settings, the config docs, the bench and the test
 * harnesses all read it; adding a service is one entry here plus its folder
 * (docs/adding-a-service.md). The order is the start order: the token issuer first,
 * the gateway (which forwards to the others) last.
 */
export interface ServiceEntry {
  /** Lower-case name: logs, metrics, topics, `GATEWAY_SERVICES`. */
  readonly name: string;
  /** The workspace package; it exports `serviceDefinition` (with its config schema). */
  readonly packageName: string;
  /** Run alone: `node <entry>`, relative to the repository root. */
  readonly entry: string;
  readonly defaultPort: number;
  /** Variable that sets the port, e.g. `CATALOG_PORT`. */
  readonly portVariable: string;
  /** Variable through which the gateway reaches it, e.g. `CATALOG_URL`. */
  readonly urlVariable: string;
  /** Top-level `/api` resources it answers (the gateway's route table). */
  readonly resources: readonly string[];
  /** What it owns, one line (docs, banner). */
  readonly owns: string;
  /** Variables `npm run start:distributed` sets for it, on the local engines. */
  readonly distributedEnv: Readonly<Record<string, string>>;
}

function service(
  name: string,
  defaultPort: number,
  details: Pick<ServiceEntry, 'resources' | 'owns' | 'distributedEnv'>,
): ServiceEntry {
  const upper = name.toUpperCase();
  return Object.freeze({
    name,
    packageName: `@emporium/${name}`,
    entry: `services/${name}/src/main.ts`,
    defaultPort,
    portVariable: `${upper}_PORT`,
    urlVariable: `${upper}_URL`,
    ...details,
  });
}

export const SERVICE_MANIFEST: readonly ServiceEntry[] = Object.freeze([
  service('accounts', 4006, {
    resources: ['auth', 'accounts', '.well-known'],
    owns: 'users, credentials, sessions and the keys that sign access tokens',
    distributedEnv: {
      ACCOUNTS_STORE: 'postgres',
      ACCOUNTS_DATABASE_URL: 'postgres://emporium:emporium@127.0.0.1:15432/emporium',
      // Sign-in throttles shared by every accounts replica.
      ACCOUNTS_THROTTLE: 'redis',
    },
  }),
  service('catalog', 4001, {
    resources: ['products', 'categories', 'search', 'media'],
    owns: 'products, categories, media and the search index',
    distributedEnv: { CATALOG_STORE: 'dynamodb', SEARCH: 'opensearch', MEDIA: 's3' },
  }),
  service('pricing', 4002, {
    resources: ['prices', 'promotions', 'quotes'],
    owns: 'prices per SKU and currency, scheduled and tier prices, price history, promotions, quotes',
    distributedEnv: {
      PRICING_STORE: 'postgres',
      // Its own database on the shared server, created at start when missing.
      PRICING_DATABASE_URL: 'postgres://emporium:emporium@127.0.0.1:15432/emporium_pricing',
    },
  }),
  service('inventory', 4003, {
    resources: ['inventory', 'locations', 'reservations'],
    owns: 'stock per SKU per location, the adjustment audit trail, reservations with a TTL',
    distributedEnv: { INVENTORY_STORE: 'dynamodb' },
  }),
  service('cart', 4004, {
    resources: ['carts'],
    owns: 'carts and their lines, cart tokens, cached product, price and stock snapshots',
    // Carts in DynamoDB; the read-through cache of catalog, pricing and stock answers in Redis.
    distributedEnv: { CART_STORE: 'dynamodb', CACHE: 'redis' },
  }),
  service('orders', 4005, {
    resources: ['orders', 'shipping-options', 'returns'],
    owns: 'orders, order history, checkout saga state, idempotency keys, returns',
    distributedEnv: {
      ORDERS_STORE: 'postgres',
      // Its own database on the shared server, created at start when missing.
      ORDERS_DATABASE_URL: 'postgres://emporium:emporium@127.0.0.1:15432/emporium_orders',
    },
  }),
  service('gateway', 8080, {
    resources: [],
    owns: 'the public entry point: routes /api/<resource> to its service, the storefront',
    // The per-client rate limit counts in Redis, shared by every gateway replica.
    distributedEnv: { CACHE: 'redis' },
  }),
]);

/** The service that answers the public port. */
export const GATEWAY = 'gateway';

/** Every service the gateway forwards to (all but itself). */
export const UPSTREAM_SERVICES: readonly ServiceEntry[] = SERVICE_MANIFEST.filter(
  (entry) => entry.name !== GATEWAY,
);

export function manifestEntry(name: string): ServiceEntry {
  const entry = SERVICE_MANIFEST.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`No service named ${name} in the manifest`);
  return entry;
}

/** `products` → `catalog`: which service owns each top-level `/api` resource. */
export function resourceOwners(): ReadonlyMap<string, string> {
  return new Map(
    SERVICE_MANIFEST.flatMap((entry) =>
      entry.resources.map((resource) => [resource, entry.name] as const),
    ),
  );
}
