import type { ServiceClient } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { OperationsClient, type CallOptions } from './operations-client.ts';
import type {
  Quote,
  QuoteRequest,
  Redemption,
  ShippingOptionList,
} from './pricing-quote-schemas.ts';
import { bearer } from './upstream-problem.ts';

export * from './pricing-quote-schemas.ts';

const Amount = Type.Integer({ minimum: 0 });

export const PriceTierSchema = Type.Object({
  minQuantity: Type.Integer({ minimum: 2 }),
  amount: Amount,
  compareAtAmount: Type.Optional(Amount),
});

/** `GET /prices/{sku}`: the effective price now, in minor units of `currency`. */
export const PriceSchema = Type.Object({
  sku: Type.String(),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  amount: Amount,
  compareAtAmount: Type.Optional(Amount),
  /** The lowest effective price of the 30 days before this one started (EU Omnibus). */
  lowest30Days: Amount,
  /** Quantity breaks above one unit, ascending; absent when the SKU has none. */
  tiers: Type.Optional(Type.Array(PriceTierSchema)),
  startedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ minimum: 1 }),
});
export type Price = Static<typeof PriceSchema>;

/** `GET /prices?skus=`: SKUs without a price are absent, not errors. */
export const PriceBatchSchema = Type.Object({ items: Type.Array(PriceSchema) });
export type PriceBatch = Static<typeof PriceBatchSchema>;

/** A batch read takes at most this many SKUs (more is a 400 PRICING.TOO_MANY_SKUS). */
export const MAX_PRICE_BATCH = 100;

/** Pricing's API for other services (cart, orders, catalog) and the gateway. */
export class PricingClient extends OperationsClient {
  constructor(http: ServiceClient) {
    super('pricing', http);
  }

  /** The effective price of a SKU now; undefined when it has none in that currency. */
  async getPrice(
    sku: string,
    currency?: string,
    options: CallOptions = {},
  ): Promise<Price | undefined> {
    const response = await this.http.request<Price>({
      method: 'GET',
      path: `/prices/${encodeURIComponent(sku)}`,
      query: currency ? { currency } : {},
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /**
   * The effective prices of many SKUs, by SKU; SKUs without a price are missing from the
   * map. Lists longer than one batch are read in batches of 100, one after the other.
   */
  async getPrices(
    skus: readonly string[],
    currency?: string,
    options: CallOptions = {},
  ): Promise<Map<string, Price>> {
    const unique = [...new Set(skus)];
    const prices = new Map<string, Price>();
    for (let start = 0; start < unique.length; start += MAX_PRICE_BATCH) {
      const batch = unique.slice(start, start + MAX_PRICE_BATCH);
      const response = await this.http.request<PriceBatch>({
        method: 'GET',
        path: '/prices',
        query: { skus: batch.join(','), ...(currency ? { currency } : {}) },
        headers: bearer(options.authorization),
      });
      if (response.status !== 200) throw this.problem(response);
      for (const price of response.body.items) prices.set(price.sku, price);
    }
    return prices;
  }

  /** Prices items into a stored quote; a promotion that does not apply is a 422 AppError. */
  async quote(request: QuoteRequest, options: CallOptions = {}): Promise<Quote> {
    const response = await this.http.request<Quote>({
      method: 'POST',
      path: '/quotes',
      body: request,
      headers: bearer(options.authorization),
    });
    if (response.status !== 201) throw this.problem(response);
    return response.body;
  }

  /** The shipping options to a country (422 PRICING.COUNTRY_UNSUPPORTED for one not sold to). */
  async shippingOptions(
    country: string,
    currency?: string,
    options: CallOptions = {},
  ): Promise<ShippingOptionList> {
    const response = await this.http.request<ShippingOptionList>({
      method: 'GET',
      path: '/shipping-options',
      query: { country, ...(currency ? { currency } : {}) },
      headers: bearer(options.authorization),
    });
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /** A stored quote (also once expired: compare `expiresAt`); undefined when unknown. */
  async getQuote(id: string, options: CallOptions = {}): Promise<Quote | undefined> {
    const response = await this.http.request<Quote>({
      method: 'GET',
      path: `/quotes/${encodeURIComponent(id)}`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /**
   * Takes a use of the promotion for the order (internal: a pricing service token). Safe
   * to retry: the same order gets the same redemption (`created` false).
   */
  async redeem(
    code: string,
    redemption: { orderId: string; customerId?: string },
    options: CallOptions = {},
  ): Promise<{ redemption: Redemption; created: boolean }> {
    const response = await this.http.request<Redemption>({
      method: 'POST',
      path: `/promotions/${encodeURIComponent(code)}/redemptions`,
      body: redemption,
      headers: bearer(options.authorization),
      idempotent: true,
    });
    if (response.status !== 201 && response.status !== 200) throw this.problem(response);
    return { redemption: response.body, created: response.status === 201 };
  }

  /** Gives the order's use back; releasing twice is not an error. */
  async release(code: string, orderId: string, options: CallOptions = {}): Promise<void> {
    const response = await this.http.request<unknown>({
      method: 'DELETE',
      path: `/promotions/${encodeURIComponent(code)}/redemptions/${encodeURIComponent(orderId)}`,
      headers: bearer(options.authorization),
    });
    if (response.status !== 204) throw this.problem(response);
  }
}
