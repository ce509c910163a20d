import type { Quote } from '@emporium/contracts';
import type { ProductSnapshot } from '../../domain/cart.ts';

/**
 * The three services a cart reads through. Each call asks the upstream now (through the
 * kit's ServiceClient: timeout, retries, breaker); an upstream that is down or whose
 * breaker is open throws an AppError of kind `unavailable` or `timeout`.
 */
export interface ProductSource {
  /** The variant of each SKU an active product has; other SKUs are absent. */
  productsOf(skus: readonly string[]): Promise<Map<string, ProductSnapshot>>;
}

export interface StockSource {
  /** Units available now per SKU (0 for a SKU never stocked). */
  availableOf(
    skus: readonly string[],
  ): Promise<Map<string, { available: number; version: number }>>;
}

export interface QuoteSource {
  /** A pricing quote; a promotion that does not apply or an unpriced SKU is a 422 AppError. */
  quote(request: {
    items: { sku: string; quantity: number }[];
    currency: string;
    promotionCode?: string;
    customerId?: string;
  }): Promise<Quote>;
}

export interface Upstreams {
  products: ProductSource;
  stock: StockSource;
  quotes: QuoteSource;
}
