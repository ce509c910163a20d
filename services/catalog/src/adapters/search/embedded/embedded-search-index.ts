import type {
  OfferFields,
  SearchDocument,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
  Suggestion,
} from '../../../app/ports/search-index.ts';
import { sameMoney, type Money } from '../../../domain/money.ts';
import { computeFacets } from './facets.ts';
import { createFilter, type DocumentFilter } from './filters.ts';
import { compareHits, type ScoredDocument } from './hit-order.ts';
import { appendUnique, completesQuery, completionCandidates } from './suggestions.ts';
import {
  TextMatcher,
  type TermCombination,
  type TextField,
  type TextMatch,
} from './text-matcher.ts';
import { tokenize } from './tokenize.ts';

interface TextMatchOptions {
  keep?: DocumentFilter;
  fields?: TextField[];
}

/**
 * In-process full-text search over products, for development, tests and small catalogs.
 * Documents live in a map; MiniSearch only indexes their text, so price and stock
 * changes never touch the text index.
 */
export class EmbeddedSearchIndex implements SearchIndex {
  readonly #documents = new Map<string, SearchDocument>();
  readonly #text = new TextMatcher();

  async upsert(documents: SearchDocument[]): Promise<void> {
    for (const document of documents) {
      this.#removeOne(document.productId);
      const stored = copyDocument(document);
      this.#text.add(stored);
      this.#documents.set(stored.productId, stored);
    }
  }

  async remove(productIds: string[]): Promise<void> {
    for (const productId of productIds) this.#removeOne(productId);
  }

  /** Replaces the stored document's offer fields only: the text index never sees them. */
  async patch(productId: string, fields: OfferFields): Promise<boolean> {
    const existing = this.#documents.get(productId);
    if (existing === undefined) return false;
    const next: SearchDocument = {
      ...existing,
      price: fields.price === undefined ? existing.price : copyPrice(fields.price),
      compareAtPrice:
        fields.compareAtPrice === undefined
          ? existing.compareAtPrice
          : copyPrice(fields.compareAtPrice),
      inStock: fields.inStock ?? existing.inStock,
    };
    const changed =
      next.inStock !== existing.inStock ||
      !sameMoney(next.price, existing.price) ||
      !sameMoney(next.compareAtPrice, existing.compareAtPrice);
    // The text index keeps the object it was given (removal re-tokenizes it): swap fields in place.
    if (changed) Object.assign(existing, next);
    return changed;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const hits = this.#findHits(query).sort(compareHits(query.sort));
    const start = Math.max(0, query.offset);
    const end = start + Math.max(0, query.limit);
    return {
      items: hits.slice(start, end).map(toSearchHit),
      total: hits.length,
      facets: computeFacets(hits.map(({ document }) => document)),
    };
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const words = tokenize(prefix);
    if (words.length === 0) return [];
    const suggestions: Suggestion[] = [];
    appendUnique(suggestions, this.#productNameSuggestions(words), limit);
    if (suggestions.length < limit) {
      const completions = completionCandidates(this.#documents.values())
        .filter((text) => completesQuery(text, words))
        .map((text) => ({ text }));
      appendUnique(suggestions, completions, limit);
    }
    return suggestions;
  }

  async count(): Promise<number> {
    return this.#documents.size;
  }

  async close(): Promise<void> {
    this.#documents.clear();
    this.#text.clear();
  }

  #removeOne(productId: string): void {
    const existing = this.#documents.get(productId);
    if (existing === undefined) return;
    this.#text.remove(existing);
    this.#documents.delete(productId);
  }

  #findHits(query: SearchQuery): ScoredDocument[] {
    const keep = createFilter(query);
    const words = tokenize(query.q);
    if (words.length === 0) return this.#browse(keep);
    const allWordsHits = this.#matchText(words, 'AND', { keep });
    if (allWordsHits.length > 0 || words.length === 1) return allWordsHits;
    // Some results beat an empty page when no product has every word.
    return this.#matchText(words, 'OR', { keep });
  }

  #browse(keep: DocumentFilter): ScoredDocument[] {
    const hits: ScoredDocument[] = [];
    for (const document of this.#documents.values()) {
      if (keep(document)) hits.push({ document, score: 0 });
    }
    return hits;
  }

  #matchText(
    words: string[],
    combineWith: TermCombination,
    { keep = () => true, fields }: TextMatchOptions = {},
  ): ScoredDocument[] {
    return this.#text
      .match(words, combineWith, fields)
      .map((match) => this.#scoredDocument(match))
      .filter((hit): hit is ScoredDocument => hit !== undefined && keep(hit.document));
  }

  #scoredDocument({ productId, score }: TextMatch): ScoredDocument | undefined {
    const document = this.#documents.get(productId);
    return document && { document, score };
  }

  #productNameSuggestions(words: string[]): Suggestion[] {
    return this.#matchText(words, 'AND', { fields: ['name'] })
      .sort(compareHits('relevance'))
      .map(({ document }) => ({ text: document.name, productId: document.productId }));
  }
}

function toSearchHit({ document, score }: ScoredDocument): SearchHit {
  const { productId, name, brand, image, price, compareAtPrice, inStock } = document;
  return {
    productId,
    name,
    brand,
    image,
    price: copyPrice(price),
    compareAtPrice: copyPrice(compareAtPrice),
    inStock,
    score,
  };
}

/** Stored documents must not change behind the text index's back, so callers get no aliases. */
function copyDocument(document: SearchDocument): SearchDocument {
  return {
    ...document,
    categoryIds: [...document.categoryIds],
    categoryNames: [...document.categoryNames],
    price: copyPrice(document.price),
    compareAtPrice: copyPrice(document.compareAtPrice ?? null),
  };
}

function copyPrice(price: Money | null): Money | null {
  return price && { ...price };
}
