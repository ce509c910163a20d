import { decodeCursor, encodeCursor } from '@emporium/kit';
import { CatalogErrors } from '../../domain/errors.ts';
import type { CatalogDeps } from '../deps.ts';
import type { SearchQuery, SearchResult, Suggestion } from '../ports/search-index.ts';

export type SearchInput = Omit<SearchQuery, 'offset'> & { cursor?: string };

export interface SearchPage extends Omit<SearchResult, 'facets'> {
  facets: Omit<SearchResult['facets'], 'category'> & {
    category: { value: string; label: string; count: number }[];
  };
  nextCursor: string | null;
}

const isOffset = (value: unknown): value is { o: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as { o: unknown }).o) &&
  (value as { o: number }).o >= 0;

export async function searchProducts(deps: CatalogDeps, input: SearchInput): Promise<SearchPage> {
  const { minPrice, maxPrice } = input;
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    // An empty page would read as "nothing costs that much"; the range itself is wrong.
    throw CatalogErrors.INVERTED_PRICE_RANGE.create(
      `minPrice ${minPrice} is above maxPrice ${maxPrice}`,
    );
  }
  const offset = decodeCursor(input.cursor, isOffset)?.o ?? 0;
  const { cursor: _cursor, ...query } = input;
  const categories = await deps.categoryTree.all();
  const category = query.category
    ? (categories.find((c) => c.id === query.category || c.slug === query.category)?.id ??
      query.category)
    : undefined;
  const result = await deps.search.search({
    ...query,
    ...(category ? { category } : {}),
    q: query.q.trim(),
    offset,
  });
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const next = offset + result.items.length;
  return {
    ...result,
    facets: {
      ...result.facets,
      category: result.facets.category.map((facet) => ({
        ...facet,
        label: names.get(facet.value) ?? facet.value,
      })),
    },
    nextCursor: next < result.total && result.items.length > 0 ? encodeCursor({ o: next }) : null,
  };
}

export async function suggest(
  deps: CatalogDeps,
  prefix: string,
  limit: number,
): Promise<Suggestion[]> {
  return deps.search.suggest(prefix.trim(), limit);
}
