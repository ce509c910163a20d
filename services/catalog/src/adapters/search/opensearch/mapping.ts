import type { API } from '@opensearch-project/opensearch';

/**
 * Bump whenever settings or mappings below change: `ensureIndex` then builds
 * `<alias>_v<N>`, copies the documents over and moves the alias (see README.md).
 */
export const MAPPING_VERSION = 1;

/**
 * MiniSearch's BM25+ (k 1.2, b 0.7, delta 0.5), so both engines weigh a matched term
 * alike: Lucene's BM25 has no delta. The average length is unique words per document
 * (sumDocFreq), as MiniSearch counts it.
 */
const BM25_PLUS = {
  type: 'scripted',
  weight_script: {
    source:
      'double n = term.docFreq; return query.boost * Math.log(1.0 + (field.docCount - n + 0.5) / (n + 0.5));',
  },
  script: {
    source:
      'double avg = (double) field.sumDocFreq / field.docCount;' +
      ' double norm = 1.2 * (0.3 + 0.7 * doc.length / avg);' +
      ' return weight * (0.5 + doc.freq * 2.2 / (doc.freq + norm));',
  },
};

/**
 * Text arrives already split into words by the embedded adapter's tokenizer (see
 * documents.ts), each distinct word once with its repeats joined by "|": pattern_capture
 * emits the repeats at the same position, so they count towards the term frequency but
 * not the field length, which is MiniSearch's length (distinct words).
 */
const ANALYSIS = {
  filter: {
    repeats: { type: 'pattern_capture', preserve_original: false, patterns: ['([^|]+)'] },
  },
  analyzer: {
    words: { type: 'custom', tokenizer: 'whitespace', filter: ['repeats'] },
  },
  normalizer: {
    // The brand filter and facet ignore case but, like the embedded adapter, not accents.
    lowercased: { type: 'custom', filter: ['lowercase'] },
  },
};

const searchableWords = { type: 'text', analyzer: 'words', similarity: 'bm25plus' };
const displayOnly = { type: 'text', index: false };

/** Typed by hand and cast once: the client's generated types lack `weight_script`, among others. */
export const INDEX_BODY = {
  settings: {
    index: {
      // One shard keeps term statistics global, so scores do not depend on routing.
      number_of_shards: 1,
      auto_expand_replicas: '0-1',
      similarity: { bm25plus: BM25_PLUS },
      analysis: ANALYSIS,
    },
  },
  mappings: {
    // Fields added to SearchDocument stay in _source, unindexed, until the next mapping version.
    dynamic: false,
    properties: {
      productId: { type: 'keyword' },
      name: displayOnly,
      description: displayOnly,
      categoryNames: displayOnly,
      image: { type: 'keyword', index: false, doc_values: false },
      brand: { type: 'keyword', fields: { key: { type: 'keyword', normalizer: 'lowercased' } } },
      categoryIds: { type: 'keyword' },
      price: { properties: { amount: { type: 'long' }, currency: { type: 'keyword' } } },
      inStock: { type: 'boolean' },
      createdAt: { type: 'date', format: 'epoch_millis' },
      words: {
        properties: {
          name: searchableWords,
          brand: searchableWords,
          categoryNames: searchableWords,
          description: searchableWords,
        },
      },
      // The folded name, so name suggestions differing in case or accents collapse into one.
      nameKey: { type: 'keyword' },
      // Brand and category names, and their words, for suggestion completions.
      completions: { type: 'keyword' },
      completionWords: {
        type: 'text',
        analyzer: 'whitespace',
        norms: false,
        index_options: 'docs',
      },
    },
  },
} as API.Indices_Create_RequestBody;
