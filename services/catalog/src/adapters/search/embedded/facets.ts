import type { FacetCount, PriceBucket, SearchDocument } from '../../../app/ports/search-index.ts';

/** Lower bounds of the price buckets, in minor units; the last bucket is open-ended. */
const PRICE_BUCKET_BOUNDS = [0, 2_500, 5_000, 10_000, 25_000, 50_000];

export interface Facets {
  category: FacetCount[];
  brand: FacetCount[];
  price: PriceBucket[];
}

export function computeFacets(documents: SearchDocument[]): Facets {
  return {
    category: countCategories(documents),
    brand: countBrands(documents),
    price: countPriceBuckets(documents),
  };
}

function countCategories(documents: SearchDocument[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const document of documents) {
    for (const categoryId of new Set(document.categoryIds)) {
      counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1);
    }
  }
  return sortFacet([...counts].map(([value, count]) => ({ value, count })));
}

/** Groups brands case-insensitively, like the brand filter, so a facet value always filters to its count. */
function countBrands(documents: SearchDocument[]): FacetCount[] {
  const facetsByKey = new Map<string, FacetCount>();
  for (const { brand } of documents) {
    const key = brand.toLowerCase();
    const facet = facetsByKey.get(key);
    if (facet === undefined) {
      facetsByKey.set(key, { value: brand, count: 1 });
      continue;
    }
    facet.count += 1;
    // The smallest spelling is shown, so the label does not depend on hit order.
    if (brand < facet.value) facet.value = brand;
  }
  return sortFacet([...facetsByKey.values()]);
}

function sortFacet(facet: FacetCount[]): FacetCount[] {
  return facet.sort(
    (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

function countPriceBuckets(documents: SearchDocument[]): PriceBucket[] {
  const buckets: PriceBucket[] = PRICE_BUCKET_BOUNDS.map((from, index) => ({
    from,
    to: PRICE_BUCKET_BOUNDS[index + 1] ?? null,
    count: 0,
  }));
  for (const { price } of documents) {
    if (price === null) continue;
    const bucket = buckets.findLast(({ from }) => price.amount >= from);
    if (bucket !== undefined) bucket.count += 1;
  }
  return buckets.filter((bucket) => bucket.count > 0);
}
