import type { ServiceClient } from '@emporium/kit';
import { AccountsClient } from './accounts-client.ts';
import { CartClient } from './cart-client.ts';
import { CatalogClient } from './catalog-client.ts';
import { InventoryClient } from './inventory-client.ts';
import { OperationsClient } from './operations-client.ts';
import { PricingClient } from './pricing-client.ts';

export * from './operations-client.ts';
export * from './catalog-client.ts';
export * from './accounts-client.ts';
export * from './pricing-client.ts';
export * from './inventory-client.ts';
export * from './cart-client.ts';
export { upstreamProblem } from './upstream-problem.ts';

/** The typed client of a service by name; services without their own client get the operations one. */
export function clientFor(service: string, http: ServiceClient): OperationsClient {
  if (service === 'catalog') return new CatalogClient(http);
  if (service === 'accounts') return new AccountsClient(http);
  if (service === 'pricing') return new PricingClient(http);
  if (service === 'inventory') return new InventoryClient(http);
  if (service === 'cart') return new CartClient(http);
  return new OperationsClient(service, http);
}
