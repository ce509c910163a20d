/**
 * The one place that says which `/api` paths the gateway itself refuses to callers without
 * the right role, before any service sees them. Services check again (defence in depth);
 * this list makes sure an anonymous caller never reaches an admin or internal route even
 * when a service forgets. A rule matches a path and everything under it; `*` is one segment.
 */
export const EDGE_ACCESS_RULES: readonly EdgeAccessRule[] = [
  // Operations: dead letters, redrive, system health (answered by the gateway itself).
  { path: '/api/admin', roles: ['admin'], audience: 'admin' },
  // Internal routes (API.md): for other services' tokens and admins, never the public.
  { path: '/api/reservations', roles: ['service', 'admin'], audience: 'internal' },
  { path: '/api/promotions/*/redemptions', roles: ['service', 'admin'], audience: 'internal' },
];

export interface EdgeAccessRule {
  path: string;
  /** Any one of these roles lets the request through. */
  roles: readonly string[];
  audience: 'admin' | 'internal';
}

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

const compiled = EDGE_ACCESS_RULES.map((rule) => ({ rule, segments: segmentsOf(rule.path) }));
/** Resources some rule starts with (`admin`, `reservations`, …). */
const GUARDED_RESOURCES = new Set(compiled.map(({ segments }) => segments[1]));

/** The rule guarding `url` (path and query as received), if any. */
export function edgeAccessRuleOf(url: string): EdgeAccessRule | undefined {
  if (!url.startsWith('/api/')) return undefined;
  // Most requests are public reads: one lookup of the resource settles them, unless the
  // URL is percent-encoded (then it is decoded and matched in full).
  const end = url.slice(5).search(/[/?]/);
  const resource = end === -1 ? url.slice(5) : url.slice(5, 5 + end);
  if (!GUARDED_RESOURCES.has(resource) && !url.includes('%')) return undefined;
  const query = url.indexOf('?');
  const path = decodedSegmentsOf(query === -1 ? url : url.slice(0, query));
  return compiled.find(({ segments }) =>
    segments.every(
      (segment, index) => segment === path[index] || (segment === '*' && !!path[index]),
    ),
  )?.rule;
}
