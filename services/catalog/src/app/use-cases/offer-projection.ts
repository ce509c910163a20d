import { PriceChangedV1, StockChangedV1, eventDecoder } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { productOffer, type SkuPrice } from '../../domain/offer.ts';
import type { CatalogDeps } from '../deps.ts';

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

  /** True when a search document changed, i.e. /search answers something else now. */
  async handle(received: CloudEvent): Promise<boolean> {
    const event = decodeOfferEvent(received);
    if (!event) return false;
    const { offers } = this.deps;
    if (event.type === PriceChangedV1.type) {
      const { sku, currency, current, at } = event.data;
      if (currency !== this.options.currency) return false;
      const price: SkuPrice | null = current && {
        amount: current.amount,
        currency,
        ...(current.compareAtAmount === undefined
          ? {}
          : { compareAtAmount: current.compareAtAmount }),
      };
      if (!(await offers.applyPrice({ sku, price, at: Date.parse(at) }))) return false;
      return this.refreshProductOf(sku);
    }
    const { sku, available, version } = event.data;
    if (!(await offers.applyStock({ sku, available, version }))) return false;
    return this.refreshProductOf(sku);
  }

  /** Recomputes the product-level offer from every SKU of the product owning `sku`. */
  private async refreshProductOf(sku: string): Promise<boolean> {
    const productId = (await this.deps.products.productIdsOfSkus([sku])).get(sku);
    // Not in the catalog (yet): indexing the product later reads the stored copy.
    if (productId === undefined) return false;
    const product = await this.deps.products.get(productId);
    if (product?.status !== 'active') return false;
    const skus = product.variants.map((variant) => variant.sku);
    return this.deps.search.patch(
      productId,
      productOffer(skus, await this.deps.offers.getMany(skus)),
    );
  }
}
