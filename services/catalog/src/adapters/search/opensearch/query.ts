import type { Types } from '@opensearch-project/opensearch';
import type { SearchQuery, SearchSort } from '../../../app/ports/search-index.ts';
import { typoBudget } from '../embedded/text-matcher.ts';
import { expandingQueries, scoringClauses, type Query, type Word } from './scoring.ts';

export type { Query, Word };
export type Sort = Types.Common.SortCombinations[];

/** The embedded adapter's field boosts (ADR 0004), on the pre-split word fields. */
const FIELD_BOOSTS = {
  'words.name': 4,
  'words.brand': 2,
  'words.categoryNames': 1.5,
  'words.description': 1,
};
export type TextField = keyof typeof FIELD_BOOSTS;
export const ALL_TEXT_FIELDS = Object.keys(FIELD_BOOSTS) as TextField[];

/** Term-scoring clauses share Lucene's 1024 clauses per query; matching never depends on them. */
const EXPANSION_BUDGET = 800;
const MAX_EXPANSIONS = 50;
/** Squashes a text score into [0, 1) so it orders hits within a tier, never across tiers. */
const SCORE_SCALE = 10;

export type Combination = 'AND' | 'OR';

export function toWords(words: string[]): Word[] {
  return words.map((text, index) => ({
    text,
    fuzziness: typoBudget(text),
    prefix: index === words.length - 1,
  }));
}

/**
 * The embedded ranking: hits rank by tier (2 per distinct query word matched, +1 when
 * none needed a typo), then by text score. Tiers are weighted filter functions and the
 * text score is squashed below 1, so `_score` alone gives the order.
 */
export function textQuery(
  words: Word[],
  combination: Combination,
  fields: TextField[],
  filters: Query[],
): Query {
  const queriesPerField = words.reduce((sum, word) => sum + expandingQueries(word), 0);
  const share = Math.floor(EXPANSION_BUDGET / (fields.length * Math.max(1, queriesPerField)));
  const expansions = Math.max(1, Math.min(MAX_EXPANSIONS, share));
  const clauses: Query[] = words.map((word) => ({
    bool: {
      // The filter decides the match; the optional clauses only score it.
      filter: [matchesWord(word, fields)],
      should: fields.flatMap((field) =>
        scoringClauses(word, field, FIELD_BOOSTS[field], expansions),
      ),
    },
  }));
  const text: Query =
    combination === 'AND'
      ? { bool: { must: clauses, filter: filters } }
      : { bool: { should: clauses, minimum_should_match: 1, filter: filters } };
  return {
    function_score: {
      query: text,
      functions: [
        ...tierFunctions(distinctWords(words), combination, fields),
        {
          script_score: {
            script: { source: '_score / (_score + params.scale)', params: { scale: SCORE_SCALE } },
          },
        },
      ],
      score_mode: 'sum',
      boost_mode: 'replace',
    },
  };
}

/** Every product passing the filters, all with score 0 so the sort alone orders them. */
export function browseQuery(filters: Query[]): Query {
  return { constant_score: { filter: { bool: { filter: filters } }, boost: 0 } };
}

export function filterClauses(query: SearchQuery): Query[] {
  const { category, brand, minPrice, maxPrice, inStock } = query;
  const filters: Query[] = [];
  if (category !== undefined) filters.push({ term: { categoryIds: category } });
  if (brand !== undefined) filters.push({ term: { 'brand.key': brand.toLowerCase() } });
  if (minPrice !== undefined || maxPrice !== undefined) {
    // A missing price fails any range, so unknown prices are excluded as the port says.
    filters.push({ range: { 'price.amount': { gte: minPrice, lte: maxPrice } } });
  }
  if (inStock === true) filters.push({ term: { inStock: true } });
  return filters;
}

/** Every sort ends with the product id, so pages never overlap or skip. */
export function sortFor(sort: SearchSort): Sort {
  switch (sort) {
    case 'price_asc':
    case 'price_desc': {
      const order = sort === 'price_asc' ? 'asc' : 'desc';
      return [{ 'price.amount': { order, missing: '_last' } }, { productId: { order: 'asc' } }];
    }
    case 'newest':
      return [{ createdAt: { order: 'desc' } }, { productId: { order: 'desc' } }];
    default:
      return [{ _score: { order: 'desc' } }, { productId: { order: 'asc' } }];
  }
}

/** Whether a product has the word: exactly, within its typo budget, or completed. */
function matchesWord(word: Word, fields: TextField[]): Query {
  const should = fields.flatMap((field) => matchers(word, field, true));
  return { bool: { should, minimum_should_match: 1 } };
}

/**
 * 2 per distinct word matched, +1 when none needed a typo. Under AND every hit already
 * matches every word, so the tiers skip the typo-tolerant matchers: those expand terms
 * through Levenshtein automata, and evaluating them again per tier tripled the cost of a
 * query for a long word.
 */
function tierFunctions(distinct: Word[], combination: Combination, fields: TextField[]) {
  if (combination === 'AND') {
    return [
      { weight: 2 * distinct.length },
      { filter: { bool: { filter: distinct.map((word) => exactly(word, fields)) } }, weight: 1 },
    ];
  }
  return [
    ...distinct.map((word) => ({ filter: matchesWord(word, fields), weight: 2 })),
    { filter: withoutTypos(distinct, fields), weight: 1 },
  ];
}

/** The word in one of the fields exactly, or completed when it is the last. */
function exactly(word: Word, fields: TextField[]): Query {
  return { bool: { should: fields.flatMap((field) => matchers(word, field, false)) } };
}

/** Every matched word is there exactly (or completed, for the last), not only a typo away. */
function withoutTypos(words: Word[], fields: TextField[]): Query {
  const exactOrAbsent = (word: Word): Query => ({
    bool: {
      should: [exactly(word, fields), { bool: { must_not: [matchesWord(word, fields)] } }],
      minimum_should_match: 1,
    },
  });
  return { bool: { filter: words.map(exactOrAbsent) } };
}

/** Constant-score matchers: cheap, and not limited by the scoring clauses' expansions. */
function matchers(word: Word, field: TextField, fuzzy: boolean): Query[] {
  const queries: Query[] = [{ term: { [field]: word.text } }];
  if (fuzzy && word.fuzziness > 0) {
    queries.push({
      fuzzy: {
        [field]: {
          value: word.text,
          fuzziness: word.fuzziness,
          // MiniSearch counts plain Levenshtein edits: swapping two letters is two.
          transpositions: false,
          prefix_length: 0,
          rewrite: 'constant_score',
        },
      },
    });
  }
  if (word.prefix) queries.push({ prefix: { [field]: { value: word.text } } });
  return queries;
}

/** A word typed twice counts once towards the tier, as in MiniSearch; it completes if either copy is last. */
function distinctWords(words: Word[]): Word[] {
  const byText = new Map<string, Word>();
  for (const word of words) {
    const seen = byText.get(word.text);
    byText.set(word.text, seen ? { ...seen, prefix: seen.prefix || word.prefix } : word);
  }
  return [...byText.values()];
}
