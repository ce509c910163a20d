import type { ProductCategories } from '../../domain/product-categories.ts';

/** Pricing's copy of the catalog's SKU → categories, fed by catalog.product events. */
export interface ProductCategoryStore {
  /** Keeps `product` unless a version at least as recent is kept; true when it was applied. */
  apply(product: ProductCategories): Promise<boolean>;
  /** Categories of each known SKU (SKUs of archived or unknown products are absent). */
  categoriesOf(skus: readonly string[]): Promise<Map<string, string[]>>;
}
