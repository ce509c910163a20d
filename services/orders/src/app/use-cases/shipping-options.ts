import type { Clock } from '@emporium/kit';
import type { ShippingOptionList } from '@emporium/contracts';
import type { PricingPort } from '../ports/pricing-port.ts';

/**
 * GET /shipping-options: pricing owns the table (ADR 0029); orders keeps each answer for
 * `ttlMs`, so listing options and checking an order's option cost no call most of the time.
 */
export class ShippingOptionsCache {
  private readonly pricing: PricingPort;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly entries = new Map<string, { list: ShippingOptionList; until: number }>();

  constructor(options: { pricing: PricingPort; clock: Clock; ttlMs: number }) {
    this.pricing = options.pricing;
    this.clock = options.clock;
    this.ttlMs = options.ttlMs;
  }

  async list(country: string, currency?: string): Promise<ShippingOptionList> {
    const key = `${country.toUpperCase()}:${currency ?? ''}`;
    const now = this.clock.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.list;
    const list = await this.pricing.shippingOptions(country.toUpperCase(), currency);
    if (this.entries.size > 1_000) this.entries.clear();
    this.entries.set(key, { list, until: now + this.ttlMs });
    return list;
  }
}
