import { requireAdmin, type HttpServer } from '@emporium/kit';
import { Type } from 'typebox';
import type { InventoryDeps } from '../../app/deps.ts';
import { MAX_STOCK_BATCH, setStockBatch } from '../../app/use-cases/set-stock-batch.ts';
import { SetStockBody, Sku, StockSchema } from './schemas.ts';

const SetStockBatchBody = Type.Object(
  {
    items: Type.Array(
      Type.Object({ sku: Sku, ...SetStockBody.properties }, { additionalProperties: false }),
      { minItems: 1, maxItems: MAX_STOCK_BATCH },
    ),
  },
  { additionalProperties: false },
);

const StockBatchResultSchema = Type.Object({
  items: Type.Array(StockSchema, {
    description: "Per item, in order: its SKU's stock after the batch",
  }),
});

/** PUT /inventory: the admin's batch count (API.md "Inventory", ADR 0021). */
export function registerStockBatchRoute(app: HttpServer, deps: InventoryDeps): void {
  app.put(
    '/inventory',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['inventory'],
        security: [{ bearer: [] }],
        summary: `Count the stock of up to ${MAX_STOCK_BATCH} SKU locations: all or none (DynamoDB: per chunk)`,
        body: SetStockBatchBody,
        response: { 200: StockBatchResultSchema },
      },
    },
    async (request) => ({
      items: await setStockBatch(deps, request.body.items, request.principal!.userId),
    }),
  );
}
