import type { ProductCategoryStore } from '../../../app/ports/product-category-store.ts';
import { supersedes, type ProductCategories } from '../../../domain/product-categories.ts';
import type { PromotionStoreContext } from './promotion-schema.ts';

/** The SKU → categories copy: one row per product (its version) and one per live SKU. */
export class SqlProductCategoryStore implements ProductCategoryStore {
  private readonly context: PromotionStoreContext;

  constructor(context: PromotionStoreContext) {
    this.context = context;
  }

  apply(product: ProductCategories): Promise<boolean> {
    return this.context.db.transaction().execute(async (trx) => {
      const stored = await trx
        .selectFrom('catalog_products')
        .select('version')
        .where('product_id', '=', product.productId)
        .executeTakeFirst();
      if (!supersedes(product, stored && { version: Number(stored.version) })) return false;
      const categoryIds = JSON.stringify(product.categoryIds);
      await trx
        .insertInto('catalog_products')
        .values({
          product_id: product.productId,
          version: product.version,
          category_ids: categoryIds,
          archived: product.archived ? 1 : 0,
        })
        .onConflict((oc) =>
          oc.column('product_id').doUpdateSet({
            version: product.version,
            category_ids: categoryIds,
            archived: product.archived ? 1 : 0,
          }),
        )
        .execute();
      await trx.deleteFrom('catalog_skus').where('product_id', '=', product.productId).execute();
      if (product.archived || product.skus.length === 0) return true;
      await trx
        .insertInto('catalog_skus')
        .values(
          product.skus.map((sku) => ({
            sku,
            product_id: product.productId,
            category_ids: categoryIds,
          })),
        )
        // A SKU moved from another product belongs to this one now.
        .onConflict((oc) =>
          oc
            .column('sku')
            .doUpdateSet({ product_id: product.productId, category_ids: categoryIds }),
        )
        .execute();
      return true;
    });
  }

  async categoriesOf(skus: readonly string[]): Promise<Map<string, string[]>> {
    if (skus.length === 0) return new Map();
    const rows = await this.context.db
      .selectFrom('catalog_skus')
      .select(['sku', 'category_ids'])
      .where('sku', 'in', [...skus])
      .execute();
    return new Map(rows.map((row) => [row.sku, JSON.parse(row.category_ids) as string[]]));
  }
}
