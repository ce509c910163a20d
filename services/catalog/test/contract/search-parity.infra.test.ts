import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCatalog } from '@emporium/platform/seed';
import { EmbeddedSearchIndex } from '../../src/adapters/search/embedded/embedded-search-index.ts';
import {
  createOpenSearchIndex,
  type OpenSearchIndex,
} from '../../src/adapters/search/opensearch/opensearch-search-index.ts';
import type {
  SearchDocument,
  SearchQuery,
  SearchResult,
} from '../../src/app/ports/search-index.ts';

const node = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const DAY_MS = 86_400_000;

/**
 * 200 demo products as search documents. Every 11th has no price yet and products are
 * created two a day, so unknown prices and sort tie-breaks are exercised too.
 */
function demoDocuments(): SearchDocument[] {
  const { categories, products } = generateDemoCatalog({ seed: 7, productCount: 200 });
  const categoryNames = new Map(categories.map((category) => [category.key, category.name]));
  return products.map((product, index) => ({
    productId: product.key,
    name: product.name,
    brand: product.brand,
    description: product.description,
    categoryIds: product.categoryKeys,
    categoryNames: product.categoryKeys.map((key) => categoryNames.get(key) ?? key),
    image: null,
    price: index % 11 === 5 ? null : { amount: product.priceCents, currency: 'USD' },
    compareAtPrice: null,
    inStock: product.stock > 0,
    createdAt: Date.UTC(2024, 0, 1) + Math.floor(index / 2) * DAY_MS,
  }));
}

/**
 * Every query compares the top 5 in order: where scores tie exactly, both engines break
 * the tie by product id, so no query needs a set comparison.
 */
const QUERIES: [string, Partial<SearchQuery>][] = [
  ['an exact word', { q: 'backpack' }],
  ['a word found in names and descriptions', { q: 'waterproof' }],
  ['a word one letter off', { q: 'keybord' }],
  ['a long word two letters off', { q: 'mekanical' }],
  ['a 3-letter prefix', { q: 'tra' }],
  ['two words', { q: 'wireless mouse' }],
  ['two words, the last one incomplete', { q: 'cast ir' }],
  ['two words no product has together', { q: 'yoga espresso' }],
  ['a word and a brand in another case', { q: 'bag', brand: 'SATCHEL & SAGE' }],
  ['a word in a category', { q: 'set', category: 'sports' }],
  ['a word in a price range', { q: 'jacket', minPrice: 5_000, maxPrice: 20_000 }],
  ['a word in stock', { q: 'monitor', inStock: true }],
  ['a word by ascending price', { q: 'bag', sort: 'price_asc' }],
  ['a word by descending price', { q: 'hiking', sort: 'price_desc' }],
  ['a word by newest', { q: 'desk', sort: 'newest' }],
  ['nothing in a category', { category: 'outdoors' }],
  ['nothing for a brand, by newest', { brand: 'northpine', sort: 'newest' }],
];

const PREFIXES = ['tra', 'sp', 'cast ir', 'hedphones', 'wear'];

const topIds = (result: SearchResult) => result.items.map((hit) => hit.productId);

describe('search parity: embedded and OpenSearch on the demo catalog', () => {
  const embedded = new EmbeddedSearchIndex();
  let opensearch: OpenSearchIndex;

  beforeAll(async () => {
    const documents = demoDocuments();
    opensearch = await createOpenSearchIndex({ node, index: `catalog-parity-${randomUUID()}` });
    await Promise.all([embedded.upsert(documents), opensearch.upsert(documents)]);
  });

  afterAll(async () => {
    await opensearch?.drop();
    await opensearch?.close();
    await embedded.close();
  });

  it.each(QUERIES)(
    'when searching %s, then both find the same total, facets and top 5',
    async (_label, overrides) => {
      const query: SearchQuery = { q: '', sort: 'relevance', limit: 5, offset: 0, ...overrides };
      const [expected, actual] = await Promise.all([
        embedded.search(query),
        opensearch.search(query),
      ]);

      expect(expected.total).toBeGreaterThan(0);
      expect(actual.total).toBe(expected.total);
      expect(actual.facets).toEqual(expected.facets);
      expect(topIds(actual)).toEqual(topIds(expected));
    },
  );

  it.each(PREFIXES)('when suggesting "%s", then both suggest the same', async (prefix) => {
    const expected = await embedded.suggest(prefix, 8);
    expect(expected.length).toBeGreaterThan(0);
    expect(await opensearch.suggest(prefix, 8)).toEqual(expected);
  });
});
