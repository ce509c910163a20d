import {
  ServiceClient,
  createServiceTokenSource,
  ownServiceCredentials,
  type Clock,
  type Logger,
} from '@emporium/kit';
import { AccountsClient, CartClient, InventoryClient, PricingClient } from '@emporium/contracts';
import type { AddressBookPort } from '../app/ports/address-book-port.ts';
import type { CartPort } from '../app/ports/cart-port.ts';
import type { InventoryPort } from '../app/ports/inventory-port.ts';
import type { PricingPort } from '../app/ports/pricing-port.ts';
import type { OrdersConfig } from '../config.ts';
import { addressBookAdapter } from './clients/address-book-adapter.ts';
import { cartAdapter } from './clients/cart-adapter.ts';
import { inventoryAdapter } from './clients/inventory-adapter.ts';
import { pricingAdapter } from './clients/pricing-adapter.ts';

export interface Upstreams {
  cart: CartPort;
  pricing: PricingPort;
  inventory: InventoryPort;
  addresses: AddressBookPort;
  close(): Promise<void>;
}

/**
 * Clients of pricing, inventory, cart and accounts (the address book), each on the kit's ServiceClient with a service
 * token for its audience from accounts (client credentials of `orders`), never a
 * customer's token.
 */
export function createUpstreams(config: OrdersConfig, clock: Clock, logger: Logger): Upstreams {
  const tokens = createServiceTokenSource({
    credentials: ownServiceCredentials('orders', config.SERVICE_CREDENTIALS),
    accountsUrl: config.ACCOUNTS_URL,
    logger,
    clock,
  });
  const client = (name: string, baseUrl: string) =>
    new ServiceClient({
      name,
      baseUrl,
      logger,
      timeoutMs: config.ORDERS_UPSTREAM_TIMEOUT_MS,
      authorization: tokens.source.authorizationFor(name),
    });
  const pricing = client('pricing', config.PRICING_URL);
  const inventory = client('inventory', config.INVENTORY_URL);
  const cart = client('cart', config.CART_URL);
  const accounts = client('accounts', config.ACCOUNTS_URL);
  return {
    pricing: pricingAdapter(new PricingClient(pricing)),
    inventory: inventoryAdapter(
      new InventoryClient(inventory),
      config.ORDERS_RESERVATION_TTL_SECONDS,
    ),
    cart: cartAdapter(new CartClient(cart)),
    addresses: addressBookAdapter(new AccountsClient(accounts)),
    async close() {
      await Promise.all([
        pricing.close(),
        inventory.close(),
        cart.close(),
        accounts.close(),
        tokens.close(),
      ]);
    },
  };
}
