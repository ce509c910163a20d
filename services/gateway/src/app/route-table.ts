/** Which service owns each top-level resource under `/api`. */
export const SERVICE_OF_RESOURCE: Readonly<Record<string, ServiceName>> = {
  products: 'catalog',
  categories: 'catalog',
  search: 'catalog',
  media: 'catalog',
  prices: 'pricing',
  promotions: 'pricing',
  quotes: 'pricing',
  inventory: 'inventory',
  reservations: 'inventory',
  carts: 'cart',
  orders: 'orders',
  auth: 'accounts',
  accounts: 'accounts',
  '.well-known': 'accounts',
  notifications: 'notifications',
  subscriptions: 'notifications',
  webhooks: 'notifications',
  recommendations: 'recommendations',
};

export const SERVICES = [
  'catalog',
  'pricing',
  'inventory',
  'cart',
  'orders',
  'accounts',
  'notifications',
  'recommendations',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}

/** `/api/products/1?x=1` → `{ service: 'catalog', path: '/products/1?x=1' }`. */
export function resolveRoute(url: string): { service: ServiceName; path: string } | undefined {
  const path = url.slice('/api'.length);
  const end = path.slice(1).search(/[/?]/);
  const resource = end === -1 ? path.slice(1) : path.slice(1, end + 1);
  const service = SERVICE_OF_RESOURCE[resource];
  return service ? { service, path } : undefined;
}
