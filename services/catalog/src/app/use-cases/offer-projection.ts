import { PriceChangedV1, StockChangedV1, eventDecoder } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { productOffer, type SkuPrice } from '../../domain/offer.ts';
import type { CatalogDeps } from '../deps.ts';
import type { OfferUpdate } from '../ports/sku-offer-store.ts';

/** Price and stock events as their contracts describe them; a broken payload is dead-lettered. */
const decodeOfferEvent = eventDecoder([PriceChangedV1, StockChangedV1]);

export interface OfferProjectionOptions {
  /** Search shows prices in this currency only; other currencies' events are skipped. */
  currency: string;
}

/**
 * Keeps the catalog's copy of prices and stock per SKU (ADR 0023) and the product-level
 * price and availability of search documents in step with it. An event that does not
 * change the copy (another currency, a late older figure) costs one write and nothing
 * more; one that does patches the product's search document, never re-indexes its text.
 */
export class OfferProjection {
  private readonly deps: CatalogDeps;
  private readonly options: OfferProjectionOptions;

  constructor(deps: CatalogDeps, options: OfferProjectionOptions) {
    this.deps = deps;
    this.options = options;
  }

  /** Applies one event to the copy, and to search when the copy changed. */
  async handle(received: CloudEvent): Promise<void> {
    const update = this.updateOf(received);
    if (!update) return;
    const { offers } = this.deps;
    const written =
      update.kind === 'price' ? await offers.applyPrice(update) : await offers.applyStock(update);
    if (written) await this.refreshProductsOf([update.sku]);
  }

  /**
   * The events of one delivery batch, in order: the same state as `handle` on each, with
   * one write of the copy (one disk sync on SQLite) and each touched product patched once.
   */
  async handleAll(received: readonly CloudEvent[]): Promise<void> {
    const updates = latestPerSku(received.map((event) => this.updateOf(event)));
    const changed = await this.deps.offers.applyAll(updates);
    if (changed.size > 0) await this.refreshProductsOf([...changed]);
  }

  /** What an event asks of the copy; undefined for another currency or a broken payload. */
  private updateOf(received: CloudEvent): OfferUpdate | undefined {
    const event = decodeOfferEvent(received);
    if (!event) return undefined;
    if (event.type === PriceChangedV1.type) {
      const { sku, currency, current, at } = event.data;
      if (currency !== this.options.currency) return undefined;
      const price: SkuPrice | null = current && {
        amount: current.amount,
        currency,
        ...(current.compareAtAmount === undefined
          ? {}
          : { compareAtAmount: current.compareAtAmount }),
      };
      return { kind: 'price', sku, price, at: Date.parse(at) };
    }
    const { sku, available, version } = event.data;
    return { kind: 'stock', sku, available, version };
  }

  /** Recomputes the product-level offer of every active product owning one of `skus`. */
  private async refreshProductsOf(skus: readonly string[]): Promise<void> {
    const owners = await this.deps.products.productIdsOfSkus(skus);
    // Not in the catalog (yet): indexing the product later reads the stored copy.
    for (const productId of new Set(owners.values())) {
      const product = await this.deps.products.get(productId);
      if (product?.status !== 'active') continue;
      const variants = product.variants.map((variant) => variant.sku);
      const offer = productOffer(variants, await this.deps.offers.getMany(variants));
      await this.deps.search.patch(productId, offer);
    }
  }
}

/**
 * Per SKU and kind, only the update that applying all of them in order would leave: the
 * highest stock version, the latest price `at` (the later one of a tie, as the store
 * applies ties). Kept in first-seen order.
 */
function latestPerSku(updates: readonly (OfferUpdate | undefined)[]): OfferUpdate[] {
  const latest = new Map<string, OfferUpdate>();
  for (const update of updates) {
    if (!update) continue;
    const key = `${update.kind}:${update.sku}`;
    const kept = latest.get(key);
    if (!kept || supersedes(update, kept)) latest.set(key, update);
  }
  return [...latest.values()];
}

/** Whether `next`, applied after `kept`, is what the store keeps (same SKU and kind). */
function supersedes(next: OfferUpdate, kept: OfferUpdate): boolean {
  if (next.kind === 'price' && kept.kind === 'price') return next.at >= kept.at;
  if (next.kind === 'stock' && kept.kind === 'stock') return next.version > kept.version;
  return false;
}
