import type { Types } from '@opensearch-project/opensearch';
import type { FacetCount, PriceBucket, SearchResult } from '../../../app/ports/search-index.ts';

type Facets = SearchResult['facets'];

/** Lower bounds of the price buckets, in minor units, as in the embedded adapter; the last is open-ended. */
const PRICE_BUCKET_BOUNDS = [0, 2_500, 5_000, 10_000, 25_000, 50_000];
/** Facets list every value, not a top N: far above any catalog's brands or categories. */
const FACET_SIZE = 10_000;

type Aggregations = Record<string, Types.Common_Aggregations.AggregationContainer>;

/**
 * Aggregations run over every hit of the query and filters, whatever page is returned.
 * Cast because the client's generated terms aggregation type lacks `field`.
 */
export const FACET_AGGREGATIONS = {
  category: { terms: { field: 'categoryIds', size: FACET_SIZE } },
  // Grouped case-insensitively like the brand filter; labelled with the smallest spelling.
  brand: {
    terms: { field: 'brand.key', size: FACET_SIZE },
    aggs: { label: { terms: { field: 'brand', size: 1, order: { _key: 'asc' } } } },
  },
  price: {
    range: {
      field: 'price.amount',
      ranges: PRICE_BUCKET_BOUNDS.map((from, index) => {
        const to = PRICE_BUCKET_BOUNDS[index + 1];
        return to === undefined ? { from } : { from, to };
      }),
    },
  },
} as Aggregations;

interface TermsBucket {
  key: string;
  doc_count: number;
  label?: { buckets: TermsBucket[] };
}

interface RangeBucket {
  from?: number;
  to?: number;
  doc_count: number;
}

export interface FacetAggregations {
  category?: { buckets: TermsBucket[] };
  brand?: { buckets: TermsBucket[] };
  price?: { buckets: RangeBucket[] };
}

export function toFacets(aggregations: FacetAggregations | undefined): Facets {
  const category = (aggregations?.category?.buckets ?? []).map(({ key, doc_count }) => ({
    value: key,
    count: doc_count,
  }));
  const brand = (aggregations?.brand?.buckets ?? []).map((bucket) => ({
    value: bucket.label?.buckets[0]?.key ?? bucket.key,
    count: bucket.doc_count,
  }));
  const price: PriceBucket[] = (aggregations?.price?.buckets ?? [])
    .filter((bucket) => bucket.doc_count > 0)
    .map((bucket) => ({ from: bucket.from ?? 0, to: bucket.to ?? null, count: bucket.doc_count }));
  return { category: sortFacet(category), brand: sortFacet(brand), price };
}

/**
 * Count, then value in JavaScript order: OpenSearch breaks count ties by UTF-8 bytes,
 * which can differ from the embedded adapter's string comparison.
 */
function sortFacet(facet: FacetCount[]): FacetCount[] {
  return facet.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}
