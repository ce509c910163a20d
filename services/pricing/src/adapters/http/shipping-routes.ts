import type { HttpServer } from '@emporium/kit';
import type { PromotionDeps } from '../../app/promotion-deps.ts';
import { listShippingOptions } from '../../app/use-cases/list-shipping-options.ts';
import { ShippingOptionsQuery, ShippingOptionsSchema } from './quote-schemas.ts';

/**
 * `GET /shipping-options?country=&currency=` on pricing's own port: the table quotes charge
 * from. The public `/api/shipping-options` belongs to orders, which reads this (ADR 0029).
 */
export function registerShippingRoutes(app: HttpServer, deps: PromotionDeps): void {
  app.get(
    '/shipping-options',
    {
      schema: {
        tags: ['quotes'],
        summary: 'Shipping options to a country in a currency, with its tax rate',
        querystring: ShippingOptionsQuery,
        response: { 200: ShippingOptionsSchema },
      },
    },
    async (request) => listShippingOptions(deps, request.query),
  );
}
