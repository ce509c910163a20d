import type { Clock } from '@emporium/kit';
import type { CategoryStore } from './ports/category-store.ts';
import type { MediaStore } from './ports/media-store.ts';
import type { ProductStore } from './ports/product-store.ts';
import type { SearchIndex } from './ports/search-index.ts';

/** What the use cases need, built once by the composition root. */
export interface CatalogDeps {
  products: ProductStore;
  categories: CategoryStore;
  search: SearchIndex;
  media: MediaStore;
  clock: Clock;
}
