import type { Money } from '../../domain/money.ts';

/**
 * What search knows of a product. Price and stock are fed by pricing and inventory
 * events (later issues); until then they are null/false but filters and facets exist.
 */
export interface SearchDocument {
  productId: string;
  name: string;
  brand: string;
  description: string;
  /** Category ids, for filtering and the category facet. */
  categoryIds: string[];
  /** Category names, searchable text. */
  categoryNames: string[];
  image: string | null;
  /** Lowest effective price among the variants, or null while unknown. */
  price: Money | null;
  inStock: boolean;
  /** Epoch ms of creation, for `sort=newest`. */
  createdAt: number;
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

export interface SearchQuery {
  q: string;
  category?: string;
  brand?: string;
  /** Minor units, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: SearchSort;
  limit: number;
  /** Number of hits to skip: cursor decoding is the caller's job. */
  offset: number;
}

export interface SearchHit {
  productId: string;
  name: string;
  brand: string;
  image: string | null;
  price: Money | null;
  inStock: boolean;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface PriceBucket {
  /** Minor units, inclusive lower bound. */
  from: number;
  /** Minor units, exclusive upper bound; null for the open-ended last bucket. */
  to: number | null;
  count: number;
}

export interface SearchResult {
  items: SearchHit[];
  /** Hits matching query and filters, over all pages. */
  total: number;
  facets: { category: FacetCount[]; brand: FacetCount[]; price: PriceBucket[] };
}

export interface Suggestion {
  text: string;
  productId?: string;
}

export interface SearchIndex {
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(productIds: string[]): Promise<void>;
  /** Updates the price and stock fields of an indexed product; unknown ids are ignored. */
  patch(
    productId: string,
    fields: Partial<Pick<SearchDocument, 'price' | 'inStock'>>,
  ): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}
