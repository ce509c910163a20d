/**
 * Pricing's copy of which categories a product's SKUs are in, fed by the catalog's
 * events: category promotions need it, and pricing never reads the catalog's store.
 * An archived product keeps its row (with its version) but no SKUs, so a late update
 * of an older version cannot bring it back.
 */
export interface ProductCategories {
  productId: string;
  version: number;
  skus: string[];
  categoryIds: string[];
  archived: boolean;
}

/** Events may arrive late or twice: only a later version replaces what is kept. */
export function supersedes(
  incoming: Pick<ProductCategories, 'version'>,
  stored: Pick<ProductCategories, 'version'> | undefined,
): boolean {
  return stored === undefined || incoming.version > stored.version;
}
