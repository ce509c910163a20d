export interface EdgeAccessRule {
  path: string;
  /**
   * `all`, or `writes`: every method but GET and HEAD (an unusual method such as OPTIONS or
   * a made-up one counts as a write, so it is refused rather than let through).
   */
  methods: 'all' | 'writes';
  /** Any one of these roles lets the request through. */
  roles: readonly string[];
  /** Who the route is for: admins, other services (and admins), or any signed-in user. */
  audience: 'admin' | 'internal' | 'customer';
}

const admin = (path: string, methods: EdgeAccessRule['methods']): EdgeAccessRule => ({
  path,
  methods,
  roles: ['admin'],
  audience: 'admin',
});
/** Internal routes (API.md): for other services' tokens and admins, never the public. */
const internal = (path: string): EdgeAccessRule => ({
  path,
  methods: 'all',
  roles: ['service', 'admin'],
  audience: 'internal',
});

/** Customer routes (API.md "auth"): a signed-in customer or admin; no anonymous caller. */
const customer = (path: string): EdgeAccessRule => ({
  path,
  methods: 'all',
  roles: ['customer', 'admin'],
  audience: 'customer',
});

/**
 * The one place that says which `/api` requests the gateway itself refuses to callers
 * without the right role, before any service sees them. Services check again (defence in
 * depth); this list makes sure a customer or an anonymous caller never reaches an admin or
 * internal route even when a service forgets. A rule matches a path and everything under it
 * (`*` is one segment) for its methods; the first matching rule decides, so the narrower
 * rules of a resource come before its wider ones.
 */
export const EDGE_ACCESS_RULES: readonly EdgeAccessRule[] = [
  // Operations: dead letters, redrive, system health (answered by the gateway itself).
  admin('/api/admin', 'all'),
  internal('/api/reservations'),
  internal('/api/promotions/*/redemptions'),
  // Other users' address books (orders resolves a checkout's addressId); `/accounts/me` is open.
  internal('/api/accounts/users'),
  // Promotions are managed by admins; shoppers name a code in a quote (POST /api/quotes, open).
  admin('/api/promotions', 'all'),
  // Orders: fulfilment and receiving returns are admin work; the rest is the customer's own.
  admin('/api/orders/*/ship', 'all'),
  admin('/api/orders/*/deliver', 'all'),
  admin('/api/returns/*/receive', 'all'),
  customer('/api/orders'),
  customer('/api/returns'),
  // The audit trail of stock is for admins, unlike the stock itself.
  admin('/api/inventory/*/adjustments', 'all'),
  // Public reads, admin writes: products (and their images), categories, media, prices, stock.
  ...['products', 'categories', 'media', 'prices', 'inventory', 'locations'].map((resource) =>
    admin(`/api/${resource}`, 'writes'),
  ),
];

const segmentsOf = (path: string): string[] => path.split('/').filter(Boolean);

/** The router decodes `%61dmin` to `admin` before matching, so the guard must too. */
function decodedSegmentsOf(path: string): string[] {
  return segmentsOf(path).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

interface CompiledRule {
  rule: EdgeAccessRule;
  segments: string[];
}

const isRead = (method: string) => method === 'GET' || method === 'HEAD';
const appliesTo = (rule: EdgeAccessRule, method: string) =>
  rule.methods === 'all' || !isRead(method);

/** The rules of each resource (`admin`, `products`, …), in list order. */
const RULES_OF_RESOURCE = new Map<string, CompiledRule[]>();
for (const rule of EDGE_ACCESS_RULES) {
  const segments = segmentsOf(rule.path);
  const resource = segments[1] ?? '';
  RULES_OF_RESOURCE.set(resource, [...(RULES_OF_RESOURCE.get(resource) ?? []), { rule, segments }]);
}
/** Resources with a rule for reads: a GET of any other resource is settled by one lookup. */
const READ_GUARDED = new Set(
  EDGE_ACCESS_RULES.filter((rule) => rule.methods === 'all').map(
    (rule) => segmentsOf(rule.path)[1],
  ),
);

/** The rule guarding `method url` (path and query as received), if any. */
export function edgeAccessRuleOf(method: string, url: string): EdgeAccessRule | undefined {
  if (!url.startsWith('/api/')) return undefined;
  // Most requests are public reads: one lookup of the resource settles them, unless the
  // URL is percent-encoded (then it is decoded and matched in full).
  const encoded = url.includes('%');
  if (!encoded && isRead(method)) {
    const end = url.slice(5).search(/[/?]/);
    if (!READ_GUARDED.has(end === -1 ? url.slice(5) : url.slice(5, 5 + end))) return undefined;
  }
  const query = url.indexOf('?');
  const path = decodedSegmentsOf(query === -1 ? url : url.slice(0, query));
  return RULES_OF_RESOURCE.get(path[1] ?? '')?.find(
    ({ rule, segments }) =>
      appliesTo(rule, method) &&
      segments.every(
        (segment, index) => segment === path[index] || (segment === '*' && !!path[index]),
      ),
  )?.rule;
}
