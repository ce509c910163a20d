import type { CartLineRecord } from '../domain/cart.ts';
import type { Money } from './quote-summary.ts';

/** A line as shown: its stored fields (details refreshed from the catalog) with price and stock. */
export interface CartLineView extends Omit<CartLineRecord, 'addedAt'> {
  unitPrice: Money | null;
  lineTotal: Money | null;
  available: number | null;
  purchasable: boolean;
  stale: boolean;
}

/** `GET /carts/{id}`: the cart with current details, prices and stock (API.md). */
export interface CartViewModel {
  id: string;
  userId?: string;
  currency: string;
  items: CartLineView[];
  subtotal: Money;
  discount: Money;
  total: Money;
  promotionCode?: string;
  /** Why the cart's promotion is not in the totals now (pricing's reason). */
  promotionRejected?: string;
  degraded: boolean;
  version: number;
  updatedAt: string;
  expiresAt: string;
}
