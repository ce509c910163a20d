import { Client } from '@opensearch-project/opensearch';
import type {
  OfferFields,
  SearchDocument,
  SearchIndex,
  SearchQuery,
  SearchResult,
  Suggestion,
} from '../../../app/ports/search-index.ts';
import { appendUnique } from '../embedded/suggestions.ts';
import { tokenize } from '../embedded/tokenize.ts';
import {
  bulkWrite,
  deleteOperations,
  HIT_SOURCE_FIELDS,
  indexOperations,
  toSearchHit,
  type RawHit,
} from './documents.ts';
import { FACET_AGGREGATIONS, toFacets, type FacetAggregations } from './facets.ts';
import { dropIndex, ensureIndex, reindex } from './lifecycle.ts';
import {
  ALL_TEXT_FIELDS,
  browseQuery,
  filterClauses,
  sortFor,
  textQuery,
  toWords,
  type Query,
} from './query.ts';
import { completionSuggestions, nameSuggestions } from './suggestions.ts';

/**
 * How writes become visible to the next search: 'wait_for' waits for the next scheduled
 * refresh (up to a second) and lets concurrent writers share it; `true` refreshes at
 * once, faster for one sequential writer but a new segment per write.
 */
export type Refresh = 'wait_for' | true;

/** OpenSearch refuses from + size beyond index.max_result_window (10 000 by default). */
const MAX_RESULT_WINDOW = 10_000;

/**
 * Full-text search on OpenSearch with the embedded adapter's behaviour (ADR 0004): same
 * words, typo budget, completion of the last word, ranking tiers, filters, sorts and facets.
 * Reads and writes go through the alias; every write refreshes (see Refresh) before it
 * returns, so the next search sees it.
 */
export class OpenSearchIndex implements SearchIndex {
  readonly #client: Client;
  readonly #alias: string;
  readonly #refresh: Refresh;

  constructor(client: Client, alias: string, refresh: Refresh = 'wait_for') {
    this.#client = client;
    this.#alias = alias;
    this.#refresh = refresh;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    await bulkWrite(this.#client, indexOperations(this.#alias, documents), this.#refresh);
  }

  async remove(productIds: string[]): Promise<void> {
    await bulkWrite(this.#client, deleteOperations(this.#alias, productIds), this.#refresh);
  }

  /**
   * A partial update of the offer fields: one small request, the text is not sent again.
   * OpenSearch answers `noop` when nothing changed (detect_noop), and then writes nothing.
   */
  async patch(productId: string, fields: OfferFields): Promise<boolean> {
    const doc: OfferFields = {};
    if (fields.price !== undefined) doc.price = fields.price;
    if (fields.compareAtPrice !== undefined) doc.compareAtPrice = fields.compareAtPrice;
    if (fields.inStock !== undefined) doc.inStock = fields.inStock;
    // An unknown product answers 404, which the port says to ignore.
    const { body, statusCode } = await this.#client.update(
      {
        index: this.#alias,
        id: productId,
        body: { doc },
        refresh: this.#refresh,
        retry_on_conflict: 3,
      },
      { ignore: [404] },
    );
    return statusCode !== 404 && (body as { result?: string }).result === 'updated';
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const filters = filterClauses(query);
    const words = toWords(tokenize(query.q));
    if (words.length === 0) return this.#search(query, browseQuery(filters));
    const allWords = await this.#search(query, textQuery(words, 'AND', ALL_TEXT_FIELDS, filters));
    if (allWords.total > 0 || words.length === 1) return allWords;
    // Some results beat an empty page when no product has every word.
    return this.#search(query, textQuery(words, 'OR', ALL_TEXT_FIELDS, filters));
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const words = tokenize(prefix);
    if (words.length === 0 || limit <= 0) return [];
    const suggestions: Suggestion[] = [];
    appendUnique(
      suggestions,
      await nameSuggestions(this.#client, this.#alias, words, limit),
      limit,
    );
    if (suggestions.length < limit) {
      const completions = await completionSuggestions(this.#client, this.#alias, words);
      appendUnique(suggestions, completions, limit);
    }
    return suggestions;
  }

  async count(): Promise<number> {
    const { body } = await this.#client.count({ index: this.#alias });
    return body.count as number;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  /** Rebuilds the whole index from `documents` behind the alias (see `reindex`). */
  async rebuild(
    documents: Iterable<SearchDocument> | AsyncIterable<SearchDocument>,
  ): Promise<void> {
    await reindex(this.#client, this.#alias, documents);
  }

  /** Deletes the index and its alias: for tests and teardown, never called by the service. */
  async drop(): Promise<void> {
    await dropIndex(this.#client, this.#alias);
  }

  async #search(query: SearchQuery, match: Query): Promise<SearchResult> {
    const from = Math.min(Math.max(0, query.offset), MAX_RESULT_WINDOW);
    const size = Math.min(Math.max(0, query.limit), MAX_RESULT_WINDOW - from);
    const { body } = await this.#client.search({
      index: this.#alias,
      body: {
        query: match,
        sort: sortFor(query.sort),
        from,
        size,
        track_total_hits: true,
        // Hits carry their score under every sort, as in the embedded adapter.
        track_scores: true,
        _source: HIT_SOURCE_FIELDS,
        aggs: FACET_AGGREGATIONS,
      },
    });
    return {
      items: (body.hits.hits as RawHit[]).map(toSearchHit),
      total: (body.hits.total as { value: number }).value,
      facets: toFacets(body.aggregations as FacetAggregations | undefined),
    };
  }
}

export interface OpenSearchIndexOptions {
  /** e.g. http://127.0.0.1:9200 */
  node: string;
  /** Alias the service reads and writes; the physical index is `<index>_v<N>`. */
  index: string;
  /** Default 'wait_for'. */
  refresh?: Refresh;
}

/** Connects and makes sure the index exists with the current mapping (migrating it if not). */
export async function createOpenSearchIndex(
  options: OpenSearchIndexOptions,
): Promise<OpenSearchIndex> {
  const client = new Client({ node: options.node });
  try {
    await ensureIndex(client, options.index);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new OpenSearchIndex(client, options.index, options.refresh);
}
