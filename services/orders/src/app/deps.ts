import type { Clock, Logger } from '@emporium/kit';
import type { Order } from '../domain/order.ts';
import type { AddressBookPort } from './ports/address-book-port.ts';
import type { CartPort } from './ports/cart-port.ts';
import type { InventoryPort } from './ports/inventory-port.ts';
import type { OrderStore } from './ports/order-store.ts';
import type { PaymentProvider } from './ports/payment-provider.ts';
import type { PricingPort } from './ports/pricing-port.ts';

/** What the use cases of orders need, handed in by the composition root. */
export interface OrdersDeps {
  store: OrderStore;
  cart: CartPort;
  pricing: PricingPort;
  inventory: InventoryPort;
  addresses: AddressBookPort;
  payments: PaymentProvider;
  clock: Clock;
  logger: Logger;
  saga: {
    /** How long a runner holds a saga between two stored steps before another may take it. */
    leaseMs: number;
    /** Before payment, how long transient upstream failures are retried before rejecting. */
    retryWindowMs: number;
    /** This process's name as a lease owner. */
    runnerId: string;
  };
  /** How long a repeated POST waits for the first one to answer before a 409. */
  idempotencyWaitMs: number;
  /** The HTTP body of an order: what POST /orders answers and replays. */
  present(order: Order): unknown;
}
