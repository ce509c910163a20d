import type { ProductCategoryStore } from '../../../app/ports/product-category-store.ts';
import type { PromotionStore } from '../../../app/ports/promotion-store.ts';
import type { QuoteStore } from '../../../app/ports/quote-store.ts';
import type { PromotionStoreContext } from './promotion-schema.ts';
import { SqlProductCategoryStore } from './sql-product-category-store.ts';
import { SqlPromotionStore } from './sql-promotion-store.ts';
import { SqlQuoteStore } from './sql-quote-store.ts';

export interface PromotionStores {
  promotions: PromotionStore;
  productCategories: ProductCategoryStore;
  quotes: QuoteStore;
}

/** The promotion, catalog-copy and quote stores on one SQL database (the prices' one). */
export function promotionStores(context: PromotionStoreContext): PromotionStores {
  return {
    promotions: new SqlPromotionStore(context),
    productCategories: new SqlProductCategoryStore(context),
    quotes: new SqlQuoteStore(context),
  };
}
