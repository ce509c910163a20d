import type { GatewayConfig } from '../config.ts';
import { SERVICES, isServiceName, type ServiceName } from './route-table.ts';

export type Upstreams = ReadonlyMap<ServiceName, string>;

/** Base URLs of the services this deployment runs. */
export function upstreamsOf(config: GatewayConfig): Upstreams {
  const deployed = new Set(config.GATEWAY_SERVICES.split(',').filter(isServiceName));
  const urls: Record<ServiceName, string> = {
    catalog: config.CATALOG_URL,
    pricing: config.PRICING_URL,
    inventory: config.INVENTORY_URL,
    cart: config.CART_URL,
    orders: config.ORDERS_URL,
    accounts: config.ACCOUNTS_URL,
    notifications: config.NOTIFICATIONS_URL,
    recommendations: config.RECOMMENDATIONS_URL,
  };
  return new Map(
    SERVICES.filter((service) => deployed.has(service)).map((service) => [
      service,
      urls[service].replace(/\/+$/, ''),
    ]),
  );
}
