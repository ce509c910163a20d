import type { SearchDocument, SearchQuery } from '../../../app/ports/search-index.ts';
import type { Money } from '../../../domain/money.ts';

export type SearchFilters = Pick<
  SearchQuery,
  'category' | 'brand' | 'minPrice' | 'maxPrice' | 'inStock'
>;

export type DocumentFilter = (document: SearchDocument) => boolean;

/** Builds a predicate that keeps documents passing every filter that is set. */
export function createFilter(filters: SearchFilters): DocumentFilter {
  const { category, minPrice, maxPrice, inStock } = filters;
  const brand = filters.brand?.toLowerCase();
  const priceFiltered = minPrice !== undefined || maxPrice !== undefined;
  return (document) =>
    (category === undefined || document.categoryIds.includes(category)) &&
    (brand === undefined || document.brand.toLowerCase() === brand) &&
    (!priceFiltered || isPriceWithin(document.price, minPrice, maxPrice)) &&
    (inStock !== true || document.inStock);
}

function isPriceWithin(price: Money | null, min?: number, max?: number): boolean {
  if (price === null) return false;
  return (min === undefined || price.amount >= min) && (max === undefined || price.amount <= max);
}
