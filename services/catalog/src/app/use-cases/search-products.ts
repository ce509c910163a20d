import { decodeCursor, encodeCursor } from '@emporium/kit';
import type { CatalogDeps } from '../deps.ts';
import type { SearchQuery, SearchResult, Suggestion } from '../ports/search-index.ts';

export type SearchInput = Omit<SearchQuery, 'offset'> & { cursor?: string };

export interface SearchPage extends SearchResult {
  nextCursor: string | null;
}

const isOffset = (value: unknown): value is { o: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as { o: unknown }).o) &&
  (value as { o: number }).o >= 0;

export async function searchProducts(deps: CatalogDeps, input: SearchInput): Promise<SearchPage> {
  const offset = decodeCursor(input.cursor, isOffset)?.o ?? 0;
  const { cursor: _cursor, ...query } = input;
  const result = await deps.search.search({ ...query, q: query.q.trim(), offset });
  const next = offset + result.items.length;
  return {
    ...result,
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
