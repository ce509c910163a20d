import type { Quote, ShippingOptionList } from '@emporium/contracts';

export interface QuoteInput {
  items: { sku: string; quantity: number }[];
  currency: string;
  promotionCode?: string;
  customerId: string;
  shippingOptionId: string;
  country: string;
}

/** Pricing as the saga uses it: quotes with shipping and tax, and promotion uses. */
export interface PricingPort {
  quote(input: QuoteInput): Promise<Quote>;
  shippingOptions(country: string, currency?: string): Promise<ShippingOptionList>;
  /** Takes the order's use of the promotion; the same order again is the same use. */
  redeem(code: string, orderId: string, customerId: string): Promise<void>;
  /** Gives the use back; idempotent. */
  release(code: string, orderId: string): Promise<void>;
}
