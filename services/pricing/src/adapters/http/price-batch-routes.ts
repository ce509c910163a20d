import { requireAdmin, type HttpServer } from '@emporium/kit';
import { Type } from 'typebox';
import type { PricingDeps } from '../../app/deps.ts';
import { setPrices } from '../../app/use-cases/set-price.ts';
import { MAX_BATCH_ITEMS } from '../../domain/price-batch.ts';
import type { PriceReadCache } from './price-read-cache.ts';
import { PriceSchema, PutPriceBody, ScheduledOnlySchema, priceView } from './price-schemas.ts';

const PutPricesBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { sku: Type.String({ minLength: 1, maxLength: 64 }), ...PutPriceBody.properties },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH_ITEMS },
    ),
  },
  { additionalProperties: false },
);

const PriceBatchResultSchema = Type.Object({
  items: Type.Array(Type.Union([PriceSchema, ScheduledOnlySchema]), {
    description: 'Per item, in order: the effective price after the batch, or "scheduled"',
  }),
});

/** PUT /prices: the admin's batch write (API.md "Pricing", ADR 0019). */
export function registerPriceBatchRoute(
  app: HttpServer,
  deps: PricingDeps,
  cache: PriceReadCache,
): void {
  app.put(
    '/prices',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['prices'],
        security: [{ bearer: [] }],
        summary: `Set up to ${MAX_BATCH_ITEMS} prices in one transaction: all or none`,
        body: PutPricesBody,
        response: { 200: PriceBatchResultSchema },
      },
    },
    async (request) => {
      const { items } = request.body;
      const current = await setPrices(deps, items);
      cache.bump();
      return {
        items: current.map((price, index) =>
          price
            ? priceView(price)
            : {
                sku: items[index]!.sku,
                currency: items[index]!.currency,
                status: 'scheduled' as const,
              },
        ),
      };
    },
  );
}
