import type { Clock } from '@emporium/kit';
import type { Category } from '../domain/category.ts';
import type { CategoryStore } from './ports/category-store.ts';
import type { ImageProcessor } from './ports/image-processor.ts';
import type { MediaStore } from './ports/media-store.ts';
import type { ProductStore } from './ports/product-store.ts';
import type { SearchIndex } from './ports/search-index.ts';
import type { SkuOfferStore } from './ports/sku-offer-store.ts';

/**
 * The category tree as read paths see it (search, filtered listings): it may trail a
 * change made on another instance by a few seconds. Writes and the search projection
 * read `categories` instead.
 */
export interface CategoryTree {
  all(): Promise<Category[]>;
}

/** What the use cases need, built once by the composition root. */
export interface CatalogDeps {
  products: ProductStore;
  categories: CategoryStore;
  categoryTree: CategoryTree;
  search: SearchIndex;
  /** Prices and stock per SKU, as pricing and inventory announced them. */
  offers: SkuOfferStore;
  media: MediaStore;
  images: ImageProcessor;
  clock: Clock;
}
