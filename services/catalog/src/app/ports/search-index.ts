import type { Money } from '../../domain/money.ts';

/**
 * What search knows of a product. Price and stock come from the catalog's copy of the
 * pricing and inventory events (ADR 0023) and change through `patch`, not a re-index.
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
  /** The "was" price of that cheapest variant while it is on sale, else null. */
  compareAtPrice: Money | null;
  inStock: boolean;
  /** Epoch ms of creation, for `sort=newest`. */
  createdAt: number;
}

/** The fields `patch` changes. */
export type OfferFields = Partial<Pick<SearchDocument, 'price' | 'compareAtPrice' | 'inStock'>>;

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
  compareAtPrice: Money | null;
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
  /**
   * Updates the price and stock fields of an indexed product without re-indexing its
   * text. Unknown ids are ignored. True when the stored document changed.
   */
  patch(productId: string, fields: OfferFields): Promise<boolean>;
  search(query: SearchQuery): Promise<SearchResult>;
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}
