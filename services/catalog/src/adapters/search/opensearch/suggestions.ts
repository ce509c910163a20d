import type { Client, Types } from '@opensearch-project/opensearch';
import type { Suggestion } from '../../../app/ports/search-index.ts';
import { completesQuery } from '../embedded/suggestions.ts';
import type { RawHit } from './documents.ts';
import { sortFor, textQuery, toWords, type Query } from './query.ts';

// The client's generated terms aggregation type lacks `field`.
type Aggregations = Record<string, Types.Common_Aggregations.AggregationContainer>;

/** Distinct brand and category names looked at; far above any catalog's count. */
const COMPLETION_CANDIDATES = 10_000;

/**
 * Product names having every word (fuzzy, last one completed), ranked like a search, one
 * per name: collapsing on the folded name keeps the best product of each.
 */
export async function nameSuggestions(
  client: Client,
  index: string,
  words: string[],
  limit: number,
): Promise<Suggestion[]> {
  const { body } = await client.search({
    index,
    body: {
      query: textQuery(toWords(words), 'AND', ['words.name'], []),
      sort: sortFor('relevance'),
      collapse: { field: 'nameKey' },
      size: limit,
      _source: ['productId', 'name'],
    },
  });
  return (body.hits.hits as RawHit[]).map((hit) => ({
    text: hit._source?.name ?? '',
    productId: hit._source?.productId ?? hit._id,
  }));
}

/**
 * Brand and category names completing the words, those shared by the most products
 * first. Only products with a candidate are aggregated; every product holding a name
 * that completes the words is among them, so each name's count is exact.
 */
export async function completionSuggestions(
  client: Client,
  index: string,
  words: string[],
): Promise<Suggestion[]> {
  const last = words.at(-1) ?? '';
  const filter: Query[] = [
    ...words.slice(0, -1).map((word) => ({ term: { completionWords: word } })),
    { prefix: { completionWords: last } },
  ];
  const { body } = await client.search({
    index,
    body: {
      size: 0,
      query: { bool: { filter } },
      aggs: {
        names: { terms: { field: 'completions', size: COMPLETION_CANDIDATES } },
      } as Aggregations,
    },
  });
  const buckets = (body.aggregations?.names as { buckets: { key: string; doc_count: number }[] })
    .buckets;
  return buckets
    .sort((a, b) => b.doc_count - a.doc_count || (a.key < b.key ? -1 : 1))
    .filter(({ key }) => completesQuery(key, words))
    .map(({ key }) => ({ text: key }));
}
