import MiniSearch from 'minisearch';
import type { SearchResult as RawMatch } from 'minisearch';
import type { SearchDocument } from '../../../app/ports/search-index.ts';
import { tokenize } from './tokenize.ts';

const FIELD_BOOSTS = { name: 4, brand: 2, categoryNames: 1.5, description: 1 };

export type TextField = keyof typeof FIELD_BOOSTS;
export type TermCombination = 'AND' | 'OR';

const ALL_TEXT_FIELDS = Object.keys(FIELD_BOOSTS) as TextField[];

export interface TextMatch {
  productId: string;
  score: number;
}

/** Edits tolerated in a query word: none for short words, where one edit makes another word. */
export function typoBudget(word: string): number {
  if (word.length <= 3) return 0;
  return word.length <= 7 ? 1 : 2;
}

/** Full-text relevance over the text fields of products, backed by MiniSearch. */
export class TextMatcher {
  readonly #index = new MiniSearch<SearchDocument>({
    idField: 'productId',
    fields: ALL_TEXT_FIELDS,
    extractField: extractFieldText,
    tokenize,
    processTerm: (term) => term,
  });

  add(document: SearchDocument): void {
    this.#index.add(document);
  }

  /** Takes the document exactly as it was added: removal re-tokenizes it to find its terms. */
  remove(document: SearchDocument): void {
    this.#index.remove(document);
  }

  clear(): void {
    this.#index.removeAll();
  }

  /** Matches normalized query words; only the last one is completed as a prefix. */
  match(
    words: string[],
    combineWith: TermCombination,
    fields: TextField[] = ALL_TEXT_FIELDS,
  ): TextMatch[] {
    const rawMatches = this.#index.search(words.join(' '), {
      fields,
      boost: FIELD_BOOSTS,
      combineWith,
      fuzzy: typoBudget,
      prefix: (_word, position, allWords) => position === allWords.length - 1,
    });
    return rankByMatchQuality(rawMatches, words.at(-1));
  }
}

function extractFieldText(document: SearchDocument, field: string): unknown {
  const value = document[field as keyof SearchDocument];
  return Array.isArray(value) ? value.join(' ') : value;
}

/**
 * BM25 and field boosts can let a product matching fewer of the words, or matching one
 * through a typo, outscore a better match. Matches are ranked by tier first (words
 * matched, then typo-free), and each tier's scores are shifted above the tiers below it
 * so that score order stays equal to rank order.
 */
function rankByMatchQuality(rawMatches: RawMatch[], prefixWord: string | undefined): TextMatch[] {
  const matches = rawMatches
    .map((raw) => ({
      productId: raw.id as string,
      score: raw.score,
      tier: matchTier(raw, prefixWord),
    }))
    .sort((a, b) => a.tier - b.tier);
  let bestScoreBelow = 0;
  let bestScoreSoFar = 0;
  let currentTier = Number.NEGATIVE_INFINITY;
  for (const match of matches) {
    if (match.tier !== currentTier) {
      currentTier = match.tier;
      bestScoreBelow = bestScoreSoFar;
    }
    match.score += bestScoreBelow;
    bestScoreSoFar = Math.max(bestScoreSoFar, match.score);
  }
  return matches.map(({ productId, score }) => ({ productId, score }));
}

function matchTier(raw: RawMatch, prefixWord: string | undefined): number {
  return raw.queryTerms.length * 2 + (matchesWithoutTypos(raw, prefixWord) ? 1 : 0);
}

function matchesWithoutTypos(raw: RawMatch, prefixWord: string | undefined): boolean {
  const documentTerms: string[] = raw.terms;
  return raw.queryTerms.every(
    (word) =>
      documentTerms.includes(word) ||
      (word === prefixWord && documentTerms.some((term) => term.startsWith(word))),
  );
}
