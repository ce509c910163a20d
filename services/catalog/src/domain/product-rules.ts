import { CatalogErrors } from './errors.ts';
import type { Variant } from './product.ts';

/** SKUs are unique within a product, and so are the option combinations of its variants. */
export function assertDistinctVariants(variants: Variant[]): void {
  const skus = new Set<string>();
  const combinations = new Set<string>();
  for (const variant of variants) {
    if (skus.has(variant.sku))
      throw CatalogErrors.DUPLICATE_VARIANT.create(`SKU ${variant.sku} appears twice`);
    skus.add(variant.sku);
    const combination = JSON.stringify(
      Object.entries(variant.options).sort(([a], [b]) => a.localeCompare(b)),
    );
    if (combinations.has(combination)) {
      throw CatalogErrors.DUPLICATE_VARIANT.create(
        `Two variants have the same options ${combination}`,
      );
    }
    combinations.add(combination);
  }
}
