import { UPSTREAM_SERVICES, resourceOwners } from '@emporium/contracts';

/** A service the gateway forwards to: a name in the service manifest. */
export type ServiceName = string;

/** Which service owns each top-level resource under `/api` (from the service manifest). */
export const SERVICE_OF_RESOURCE: ReadonlyMap<string, ServiceName> = resourceOwners();

/** Every service the gateway can forward to, in manifest order. */
export const SERVICES: readonly ServiceName[] = UPSTREAM_SERVICES.map((entry) => entry.name);

export function isServiceName(value: string): value is ServiceName {
  return SERVICES.includes(value);
}

/** `/api/products/1?x=1` → `{ service: 'catalog', path: '/products/1?x=1' }`. */
export function resolveRoute(url: string): { service: ServiceName; path: string } | undefined {
  const path = url.slice('/api'.length);
  const end = path.slice(1).search(/[/?]/);
  const resource = end === -1 ? path.slice(1) : path.slice(1, end + 1);
  const service = SERVICE_OF_RESOURCE.get(resource);
  return service ? { service, path } : undefined;
}
