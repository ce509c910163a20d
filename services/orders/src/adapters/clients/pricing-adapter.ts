import type { PricingClient } from '@emporium/contracts';
import type { PricingPort, QuoteInput } from '../../app/ports/pricing-port.ts';

/** The pricing port over the contracts' PricingClient (its ServiceClient carries the service token). */
export function pricingAdapter(client: PricingClient): PricingPort {
  return {
    quote: (input: QuoteInput) => client.quote(input),
    shippingOptions: (country, currency) => client.shippingOptions(country, currency),
    async redeem(code, orderId, customerId) {
      await client.redeem(code, { orderId, customerId });
    },
    release: (code, orderId) => client.release(code, orderId),
  };
}
