import { CatalogEvents, eventDecoder } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { ancestry, subtreeIds, type Category } from '../../domain/category.ts';
import { productOffer, sameSkuOffer, type SkuOffer } from '../../domain/offer.ts';
import type { Product } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import type { SearchDocument } from '../ports/search-index.ts';

/** Catalog events as their contracts describe them; a payload that breaks one is dead-lettered. */
const decodeCatalogEvent = eventDecoder(CatalogEvents);

/** Products read and written to the index per step: a bulk request and memory stay bounded. */
export const REINDEX_BATCH = 500;

/**
 * Keeps the search index in step with the catalog. It reads the product's current
 * state instead of trusting the event's copy, so replays and redeliveries converge.
 */
export class SearchProjection {
  private readonly deps: CatalogDeps;

  constructor(deps: CatalogDeps) {
    this.deps = deps;
  }

  async handle(received: CloudEvent): Promise<void> {
    const event = decodeCatalogEvent(received);
    if (!event) return;
    switch (event.type) {
      case 'catalog.product.created':
      case 'catalog.product.updated':
        return this.reindexProducts([event.data.product.id]);
      case 'catalog.product.archived':
        return this.reindexProducts([event.data.productId]);
      case 'catalog.category.created':
      case 'catalog.category.updated': {
        const categories = await this.deps.categories.all();
        const affected = subtreeIds(event.data.category.id, categories);
        // A top-level category of a large catalog holds tens of thousands of products.
        const ids = await this.deps.products.idsInCategories(affected);
        for (let start = 0; start < ids.length; start += REINDEX_BATCH)
          await this.reindexProducts(ids.slice(start, start + REINDEX_BATCH));
        return;
      }
    }
  }

  async reindexAll(): Promise<number> {
    const byId = await this.categoriesById();
    let indexed = 0;
    for await (const batch of this.deps.products.scan(REINDEX_BATCH)) {
      const visible = batch.filter((product) => product.status === 'active');
      await this.index(visible, byId);
      await this.deps.search.remove(
        batch.filter((product) => product.status !== 'active').map((product) => product.id),
      );
      indexed += visible.length;
    }
    return indexed;
  }

  private async reindexProducts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const byId = await this.categoriesById();
    const products = await Promise.all(ids.map((id) => this.deps.products.get(id)));
    const visible = products.filter((product): product is Product => product?.status === 'active');
    await this.index(visible, byId);
    const shown = new Set(visible.map((product) => product.id));
    const hidden = ids.filter((id) => !shown.has(id));
    await this.deps.search.remove(hidden);
  }

  /**
   * Indexes products with the price and stock already heard of (those events may come
   * first), then reads them again: a price applied by the offers consumer between the
   * read and the upsert found no document to patch, so it is patched here. One applied
   * after the second read finds the document and patches it itself.
   */
  private async index(products: Product[], byId: Map<string, Category>): Promise<void> {
    if (products.length === 0) return;
    const skus = products.flatMap((product) => product.variants.map((variant) => variant.sku));
    const before = await this.deps.offers.getMany(skus);
    await this.deps.search.upsert(
      products.map((product) => toSearchDocument(product, byId, before)),
    );
    const after = await this.deps.offers.getMany(skus);
    for (const product of products) {
      const own = product.variants.map((variant) => variant.sku);
      if (own.every((sku) => sameSkuOffer(before.get(sku), after.get(sku)))) continue;
      await this.deps.search.patch(product.id, productOffer(own, after));
    }
  }

  private async categoriesById(): Promise<Map<string, Category>> {
    return new Map((await this.deps.categories.all()).map((category) => [category.id, category]));
  }
}

/** A product's categories and all their ancestors, so a top-level filter finds leaf products. */
export function toSearchDocument(
  product: Product,
  categories: Map<string, Category>,
  offers: ReadonlyMap<string, SkuOffer> = new Map(),
): SearchDocument {
  const lineage = new Map<string, Category>();
  for (const id of product.categoryIds)
    for (const category of ancestry(id, categories)) lineage.set(category.id, category);
  return {
    productId: product.id,
    name: product.name,
    brand: product.brand,
    description: product.description,
    categoryIds: [...lineage.keys()],
    categoryNames: [...lineage.values()].map((category) => category.name),
    image: product.images[0]?.url ?? null,
    ...productOffer(
      product.variants.map((variant) => variant.sku),
      offers,
    ),
    createdAt: Date.parse(product.createdAt),
  };
}
