import type { Types } from '@opensearch-project/opensearch';

export type Query = Types.Common_QueryDsl.QueryContainer;

export interface Word {
  text: string;
  /** Edits tolerated, by length as in the embedded adapter. */
  fuzziness: number;
  /** Only the last word is completed. */
  prefix: boolean;
}

/** MiniSearch's weights of a term found by edits, and by completing the word. */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
/** Lucene scales a fuzzy term by (1 − edits/length); times this it lands near MiniSearch's weight. */
const LUCENE_FUZZY_FACTOR = 0.47;
/** Completions up to this length are weighed exactly, one regexp per length; longer ones share one. */
const MAX_WEIGHED_LENGTH = 16;

/** Term-expanding queries a word adds per field, each taking a share of Lucene's clause budget. */
export function expandingQueries(word: Word): number {
  const typos = word.fuzziness === 1 ? 3 : word.fuzziness;
  return typos + (word.prefix ? completionLengths(word).length + 1 : 0);
}

/**
 * Scores a word in one field like MiniSearch: the word, each term within its typo budget
 * and each completion, every term with its own idf (top_terms rewrites score terms one by
 * one) and MiniSearch's weight for how it was found.
 */
export function scoringClauses(
  word: Word,
  field: string,
  boost: number,
  expansions: number,
): Query[] {
  const scored = new Scored(field, boost, `top_terms_${expansions}`);
  const clauses =
    word.fuzziness === 1
      ? oneEdit(word, scored)
      : word.fuzziness === 2
        ? twoEdits(word, scored, expansions)
        : [scored.term(word.text, 1)];
  return word.prefix ? [...clauses, ...completions(word, scored)] : clauses;
}

/**
 * One edit is a deletion, a substitution or an insertion: one regexp each, so each finds
 * terms of one length and gets MiniSearch's exact weight. The substitutions also find the
 * word itself, so the exact clause only adds the rest of its weight. For the last word,
 * insertions that complete it are left to the completions, as MiniSearch counts them.
 */
function oneEdit(word: Word, scored: Scored): Query[] {
  const { text } = word;
  const substituted = fuzzyWeight(text.length, 1);
  const insertions = alternatives(text, 0, 1);
  return [
    scored.term(text, 1 - substituted),
    scored.regexp(alternatives(text, 1, 0), fuzzyWeight(text.length - 1, 1)),
    scored.regexp(alternatives(text, 1, 1), substituted),
    word.prefix
      ? scored.regexp(
          `(${insertions})&~(${escape(text)}.*)`,
          fuzzyWeight(text.length + 1, 1),
          'INTERSECTION|COMPLEMENT',
        )
      : scored.regexp(insertions, fuzzyWeight(text.length + 1, 1)),
  ];
}

/**
 * Two edits make too many patterns for regexps: Lucene's fuzzy query, whose per-term
 * weight is close to MiniSearch's. It also finds the word itself (at weight 1) and its
 * completions by one or two letters.
 */
function twoEdits(word: Word, scored: Scored, expansions: number): Query[] {
  const fuzzy: Query = {
    fuzzy: {
      [scored.field]: {
        value: word.text,
        fuzziness: 2,
        transpositions: false,
        prefix_length: 0,
        max_expansions: expansions,
        rewrite: scored.rewrite,
        boost: scored.boost * LUCENE_FUZZY_FACTOR,
      },
    },
  };
  return [scored.term(word.text, 1 - LUCENE_FUZZY_FACTOR), fuzzy];
}

/** MiniSearch weighs a completion by its length: one regexp per length, then one for longer ones. */
function completions(word: Word, scored: Scored): Query[] {
  const stem = escape(word.text);
  const clauses = completionLengths(word).map((length) =>
    scored.regexp(`${stem}.{${length - word.text.length}}`, prefixWeight(word.text, length)),
  );
  const longer = Math.max(MAX_WEIGHED_LENGTH, word.text.length + firstCompletion(word) - 1) + 1;
  clauses.push(
    scored.regexp(`${stem}.{${longer - word.text.length},}`, prefixWeight(word.text, longer)),
  );
  return clauses;
}

class Scored {
  readonly field: string;
  readonly boost: number;
  readonly rewrite: string;

  constructor(field: string, boost: number, rewrite: string) {
    this.field = field;
    this.boost = boost;
    this.rewrite = rewrite;
  }

  term(value: string, weight: number): Query {
    return { term: { [this.field]: { value, boost: this.boost * weight } } };
  }

  regexp(value: string, weight: number, flags = 'NONE'): Query {
    const { rewrite } = this;
    return { regexp: { [this.field]: { value, flags, rewrite, boost: this.boost * weight } } };
  }
}

/** Completions by one or two letters of a long word are already scored by the fuzzy query. */
function firstCompletion(word: Word): number {
  return word.fuzziness === 2 ? 3 : 1;
}

function completionLengths(word: Word): number[] {
  const lengths: number[] = [];
  const first = word.text.length + firstCompletion(word);
  for (let length = first; length <= MAX_WEIGHED_LENGTH; length++) lengths.push(length);
  return lengths;
}

function fuzzyWeight(termLength: number, edits: number): number {
  return (FUZZY_WEIGHT * termLength) / (termLength + edits);
}

function prefixWeight(word: string, termLength: number): number {
  return (PREFIX_WEIGHT * termLength) / (termLength + 0.3 * (termLength - word.length));
}

/** The word with, at each position, `remove` letters taken out and `add` wildcards put in. */
function alternatives(text: string, remove: number, add: number): string {
  const variants = new Set<string>();
  for (let index = 0; index + remove <= text.length; index++) {
    const before = escape(text.slice(0, index));
    const after = escape(text.slice(index + remove));
    variants.add(`${before}${'.'.repeat(add)}${after}`);
  }
  return [...variants].join('|');
}

function escape(text: string): string {
  return text.replace(/[.?+*|{}[\]()"\\#@&<>~]/g, '\\$&');
}
