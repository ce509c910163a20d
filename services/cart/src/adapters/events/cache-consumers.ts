import {
  CatalogTopics,
  InventoryTopics,
  PriceChangedV1,
  PricingTopics,
  ProductArchivedV1,
  ProductCreatedV1,
  ProductUpdatedV1,
  StockChangedV1,
  eventDecoder,
} from '@emporium/contracts';
import type { Subscription } from '@emporium/kit';
import {
  applyPriceChange,
  applyProductChange,
  applyStockChange,
} from '../../app/refresh-snapshots.ts';
import type { SnapshotCache } from '../../app/snapshot-cache.ts';
import type { ProductSnapshot } from '../../domain/cart.ts';
import { snapshotOf } from '../upstream/upstream-clients.ts';

const decodeProduct = eventDecoder([ProductCreatedV1, ProductUpdatedV1, ProductArchivedV1]);
const decodePrice = eventDecoder([PriceChangedV1]);
const decodeStock = eventDecoder([StockChangedV1]);

/**
 * The cart's cache follows the catalog, pricing and inventory through their events
 * (ADR 0027). Each handler only writes cache entries and repeats harmlessly, so the
 * groups keep no inbox. One group per purpose: the cache is shared (Redis) by every
 * replica, so one replica's handling serves all.
 */
export function cacheConsumers(snapshots: SnapshotCache): Subscription[] {
  return [
    {
      group: 'cart.product-cache',
      topics: [CatalogTopics.product],
      inbox: false,
      async handle(event) {
        const decoded = decodeProduct(event);
        if (!decoded) return;
        if (decoded.type === ProductArchivedV1.type) {
          await applyProductChange(snapshots, { kind: 'archived', skus: decoded.data.skus });
          return;
        }
        const product = decoded.data.product;
        const skus = product.variants.map((variant) => variant.sku);
        const variants = skus
          .map((sku) => snapshotOf(product, sku))
          .filter((snapshot): snapshot is ProductSnapshot => snapshot !== undefined);
        await applyProductChange(snapshots, {
          kind: 'changed',
          active: product.status === 'active',
          variants,
          skus,
        });
      },
    },
    {
      group: 'cart.price-cache',
      topics: [PricingTopics.price],
      inbox: false,
      async handle(event) {
        const decoded = decodePrice(event);
        if (decoded) await applyPriceChange(snapshots, decoded.data);
      },
    },
    {
      group: 'cart.stock-cache',
      topics: [InventoryTopics.stock],
      inbox: false,
      async handle(event) {
        const decoded = decodeStock(event);
        if (decoded) await applyStockChange(snapshots, decoded.data);
      },
    },
  ];
}
