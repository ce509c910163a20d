import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  FacetCount,
  PriceBucket,
  SearchDocument,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from '../../src/app/ports/search-index.ts';
import { CATEGORIES, fixtureCatalog, fixtureIds, fixtureProduct } from './search-fixtures.ts';

export interface SearchIndexCapabilities {
  /** Finds words misspelled by one letter. */
  typoTolerance?: boolean;
  /** Matches "cafe" with "Café". */
  diacriticFolding?: boolean;
}

export interface SearchIndexContractOptions {
  name: string;
  /** Returns a fresh, empty index; each test closes it. */
  create: () => Promise<SearchIndex>;
  capabilities?: SearchIndexCapabilities;
}

const PRICE_BUCKET_BOUNDS = [0, 2_500, 5_000, 10_000, 25_000, 50_000];
const AURORA_IDS = ['prod-01', 'prod-02', 'prod-03', 'prod-06', 'prod-13', 'prod-29'];
const NIMBUS_IDS = ['prod-04', 'prod-07', 'prod-08', 'prod-09', 'prod-10', 'prod-12'];
const HEADPHONE_IDS = ['prod-01', 'prod-05', 'prod-29'];

function query(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { q: '', sort: 'relevance', limit: 100, offset: 0, ...overrides };
}

const ids = (hits: SearchHit[]): string[] => hits.map((hit) => hit.productId);
const sortedIds = (hits: SearchHit[]): string[] => ids(hits).sort();
const amountOf = (document: SearchDocument): number | null => document.price?.amount ?? null;

/** Reference order for price sorts: unknown prices last, then product id. */
function byPriceThenId(direction: 1 | -1) {
  return (a: SearchDocument, b: SearchDocument): number => {
    const [left, right] = [amountOf(a), amountOf(b)];
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return (left - right) * direction;
    }
    return a.productId < b.productId ? -1 : 1;
  };
}

function countBy(values: string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

function bucketsOf(amounts: number[]): PriceBucket[] {
  return PRICE_BUCKET_BOUNDS.map((from, index) => {
    const to = PRICE_BUCKET_BOUNDS[index + 1] ?? null;
    const count = amounts.filter((a) => a >= from && (to === null || a < to)).length;
    return { from, to, count };
  }).filter((bucket) => bucket.count > 0);
}

export function describeSearchIndexContract(options: SearchIndexContractOptions): void {
  const { typoTolerance = true, diacriticFolding = true } = options.capabilities ?? {};

  describe(`SearchIndex contract: ${options.name}`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await options.create();
    });

    afterEach(async () => {
      await index.close();
    });

    /** Collects every hit by following pages of the given size. */
    async function searchAllPages(base: Partial<SearchQuery>, pageSize: number) {
      const hits: SearchHit[] = [];
      let page: SearchResult;
      do {
        page = await index.search(query({ ...base, limit: pageSize, offset: hits.length }));
        hits.push(...page.items);
      } while (page.items.length === pageSize && hits.length < page.total);
      return { hits, total: page.total };
    }

    const search = (overrides: Partial<SearchQuery>) => index.search(query(overrides));
    const idsFor = async (overrides: Partial<SearchQuery>) => ids((await search(overrides)).items);
    const sortedIdsFor = async (overrides: Partial<SearchQuery>) =>
      (await idsFor(overrides)).sort();

    describe('with an empty index', () => {
      it('when nothing is indexed, then count is 0 and searches find nothing', async () => {
        expect(await index.count()).toBe(0);
        const result = await search({ q: 'headphones' });
        expect(result).toEqual({
          items: [],
          total: 0,
          facets: { category: [], brand: [], price: [] },
        });
        expect(await index.suggest('head', 5)).toEqual([]);
      });
    });

    describe('with the fixture catalog', () => {
      beforeEach(async () => {
        await index.upsert(fixtureCatalog());
      });

      describe('indexing', () => {
        it('when documents are upserted, then count reports them', async () => {
          expect(await index.count()).toBe(fixtureCatalog().length);
        });

        it('when a document with an existing id is upserted, then it replaces the old one', async () => {
          expect(await idsFor({ q: 'turntable' })).toEqual(['prod-06']);
          const deck = {
            ...fixtureProduct('prod-06'),
            name: 'Nimbus Cassette Deck',
            brand: 'Nimbus',
          };
          await index.upsert([deck]);

          expect(await index.count()).toBe(fixtureCatalog().length);
          expect((await search({ q: 'turntable' })).total).toBe(0);
          expect(await idsFor({ q: 'cassette' })).toEqual(['prod-06']);
          const brands = (await search({})).facets.brand;
          expect(brands).toContainEqual({ value: 'Nimbus', count: NIMBUS_IDS.length + 1 });
          expect(brands).toContainEqual({ value: 'Aurora', count: AURORA_IDS.length - 1 });
        });

        it('when products are removed, then they vanish from search, facets and suggestions', async () => {
          await index.remove(['prod-01', 'prod-unknown']);

          expect(await index.count()).toBe(fixtureCatalog().length - 1);
          expect(await idsFor({})).not.toContain('prod-01');
          expect(await idsFor({ q: 'headphones' })).not.toContain('prod-01');
          expect((await search({})).facets.brand).toContainEqual({ value: 'Aurora', count: 5 });
          const suggestions = await index.suggest('aurora wire', 10);
          expect(suggestions.map((s) => s.productId)).not.toContain('prod-01');
        });

        it('when unknown ids are removed, then nothing changes', async () => {
          await index.remove(['prod-unknown']);
          expect(await index.count()).toBe(fixtureCatalog().length);
        });
      });

      describe('text matching', () => {
        it('when the query is blank, then every product matches with score 0', async () => {
          const result = await search({ q: '   ' });
          expect(result.total).toBe(fixtureCatalog().length);
          expect(result.items.every((hit) => hit.score === 0)).toBe(true);
        });

        it('when a product matches, then its hit carries the display fields', async () => {
          const [hit] = (await search({ q: 'turntable' })).items;
          const { productId, name, brand, image, price, inStock } = fixtureProduct('prod-06');
          expect(hit).toMatchObject({ productId, name, brand, image, price, inStock });
        });

        it('when a query matches nothing, then the result is empty', async () => {
          const result = await search({ q: 'xylophone' });
          expect(result.total).toBe(0);
          expect(result.items).toEqual([]);
          expect(result.facets).toEqual({ category: [], brand: [], price: [] });
        });

        it('when several words are given, then only products with all of them match', async () => {
          expect(await idsFor({ q: 'wireless headphones' })).toEqual(['prod-01']);
          expect(await sortedIdsFor({ q: 'Nimbus laptop' })).toEqual(['prod-07', 'prod-08']);
        });

        it('when no product has every word, then products with any word are shown', async () => {
          const result = await search({ q: 'headphones tent' });
          expect(sortedIds(result.items)).toEqual([...HEADPHONE_IDS, 'prod-21'].sort());
          expect(result.total).toBe(4);
        });

        it('when no product has every word, then those matching more words rank first', async () => {
          const found = await idsFor({ q: 'aurora headphones tent' });
          expect(found.slice(0, 2).sort()).toEqual(['prod-01', 'prod-29']);
          expect(found).toContain('prod-21');
        });

        it('when a word is in one name and another description, then the name ranks first', async () => {
          expect(await idsFor({ q: 'travel' })).toEqual(['prod-22', 'prod-11']);
        });

        it('when the last word is a 3-letter prefix, then it is completed', async () => {
          expect(await sortedIdsFor({ q: 'wir' })).toEqual(['prod-01', 'prod-02', 'prod-09']);
          expect(await sortedIdsFor({ q: 'Nimbus lap' })).toEqual(['prod-07', 'prod-08']);
        });

        it('when a prefix is not the last word, then it is not completed', async () => {
          expect(await sortedIdsFor({ q: 'nimbus lapt' })).toEqual(['prod-07', 'prod-08']);
          // "lapt" matches nothing as a whole word, so only "nimbus" matches, via the fallback.
          expect(await sortedIdsFor({ q: 'lapt nimbus' })).toEqual(NIMBUS_IDS);
        });

        it('when words are separated by punctuation, then they are split', async () => {
          expect((await idsFor({ q: 'usb-c cable' }))[0]).toBe('prod-12');
          expect(await idsFor({ q: 'USB-C' })).toContain('prod-12');
        });

        it.runIf(diacriticFolding)(
          'when accents or case differ, then words still match',
          async () => {
            expect((await idsFor({ q: 'cafe' }))[0]).toBe('prod-15');
            expect((await idsFor({ q: 'CAFÉ press' }))[0]).toBe('prod-15');
            expect(await sortedIdsFor({ q: 'lumiere' })).toEqual(['prod-17', 'prod-18', 'prod-19']);
          },
        );

        describe.runIf(typoTolerance)('typos', () => {
          it.each([
            ['substituted', 'turntible', 'prod-06'],
            ['inserted', 'skilllet', 'prod-16'],
            ['deleted', 'nimbus mechancal', 'prod-10'],
            ['deleted, not in the last word', 'wireles nimbus', 'prod-09'],
            ['substituted, in a 5-letter word', 'coffee tabke', 'prod-19'],
          ])(
            'when a letter is %s, then "%s" still finds the product',
            async (_kind, q, productId) => {
              // Exactly one product has every word; the others would show up via the fallback.
              expect(await idsFor({ q })).toEqual([productId]);
            },
          );

          it('when one product matches exactly and another with a typo, then the exact match ranks first', async () => {
            const found = await idsFor({ q: 'cable' });
            expect(found[0]).toBe('prod-12');
            expect(found).toContain('prod-19');
          });

          it.runIf(diacriticFolding)(
            'when a word is exact in a description and one letter off in a boosted name, then the exact match ranks first',
            async () => {
              const found = await idsFor({ q: 'case' });
              expect(found[0]).toBe('prod-02');
              expect(found).toContain('prod-15');
            },
          );
        });
      });

      describe('filters', () => {
        it('when filtering by category, then only products in it match', async () => {
          const result = await search({ category: CATEGORIES.outdoor.id });
          expect(sortedIds(result.items)).toEqual(
            fixtureIds((d) => d.categoryIds.includes(CATEGORIES.outdoor.id)),
          );
        });

        it('when filtering by brand in another case, then that brand matches', async () => {
          expect(await sortedIdsFor({ brand: 'aurora' })).toEqual(AURORA_IDS);
          expect(await sortedIdsFor({ brand: 'LUMIÈRE' })).toEqual(
            fixtureIds((d) => d.brand === 'Lumière'),
          );
        });

        it('when filtering by a price range, then bounds are inclusive and unknown prices excluded', async () => {
          const inRange = (d: SearchDocument) =>
            d.price !== null && d.price.amount >= 2_500 && d.price.amount <= 5_000;
          expect(await sortedIdsFor({ minPrice: 2_500, maxPrice: 5_000 })).toEqual(
            fixtureIds(inRange),
          );
          expect(fixtureIds(inRange)).toEqual(expect.arrayContaining(['prod-16', 'prod-17']));
        });

        it('when only one price bound is set, then unknown prices are still excluded', async () => {
          expect(await sortedIdsFor({ minPrice: 0 })).toEqual(fixtureIds((d) => d.price !== null));
          expect(await sortedIdsFor({ maxPrice: 3_000 })).toEqual(
            fixtureIds((d) => d.price !== null && d.price.amount <= 3_000),
          );
        });

        it('when filtering by stock, then only products in stock match', async () => {
          expect(await sortedIdsFor({ inStock: true })).toEqual(fixtureIds((d) => d.inStock));
        });

        it('when filters combine with a query, then hits satisfy both', async () => {
          const result = await search({ q: 'headphones', brand: 'Aurora', inStock: true });
          expect(sortedIds(result.items)).toEqual(['prod-01', 'prod-29']);
        });
      });

      describe('sorting', () => {
        it('when browsing by relevance, then equal scores are ordered by product id', async () => {
          expect(await idsFor({})).toEqual(fixtureIds(() => true));
        });

        it('when sorting a query by relevance, then scores never increase and ties go by id', async () => {
          const hits = (await search({ q: 'aurora trailhead headphones' })).items;
          const expected = [...hits].sort(
            (a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1),
          );
          expect(hits.length).toBeGreaterThan(10);
          expect(ids(hits)).toEqual(ids(expected));
        });

        it.each([
          ['price_asc', 1],
          ['price_desc', -1],
        ] as const)(
          'when sorting by %s, then unknown prices come last and ties go by id',
          async (sort, direction) => {
            const expected = fixtureCatalog()
              .sort(byPriceThenId(direction))
              .map((d) => d.productId);
            expect(await idsFor({ sort })).toEqual(expected);
          },
        );

        it('when sorting a query by price, then its hits are ordered by price', async () => {
          expect(await idsFor({ q: 'headphones', sort: 'price_asc' })).toEqual([
            'prod-01',
            'prod-29',
            'prod-05',
          ]);
        });

        it('when sorting by newest, then later products come first and ties go by id descending', async () => {
          const expected = fixtureCatalog()
            .sort((a, b) => b.createdAt - a.createdAt || (a.productId < b.productId ? 1 : -1))
            .map((d) => d.productId);
          expect(await idsFor({ sort: 'newest' })).toEqual(expected);
        });
      });

      describe('pagination', () => {
        it.each([
          ['browsing', {}],
          ['a text query', { q: 'aurora trailhead' }],
          ['a price sort', { sort: 'price_desc' }],
          ['the newest sort', { sort: 'newest', inStock: true }],
        ] as const)(
          'when paging through %s 7 at a time, then every hit appears exactly once',
          async (_label, base) => {
            const all = await search({ ...base, limit: 1_000 });
            const { hits, total } = await searchAllPages(base, 7);

            expect(total).toBe(all.total);
            expect(hits).toHaveLength(total);
            expect(new Set(ids(hits)).size).toBe(total);
            expect(ids(hits)).toEqual(ids(all.items));
          },
        );

        it('when the offset is past the end, then no items are returned but total is kept', async () => {
          const result = await search({ offset: 100, limit: 7 });
          expect(result.items).toEqual([]);
          expect(result.total).toBe(fixtureCatalog().length);
        });
      });

      describe('facets', () => {
        it.each([
          ['browsing', {}],
          ['a text query', { q: 'wireless aurora' }],
          ['a query matching any word', { q: 'aurora trailhead' }],
          ['a filtered query', { q: 'trailhead', inStock: true }],
          ['a price filter', { minPrice: 2_500, maxPrice: 30_000 }],
        ] as const)(
          'when %s, then facets count every hit, not just the page',
          async (_label, base) => {
            const { hits, total } = await searchAllPages(base, 7);
            const { facets } = await search({ ...base, limit: 3 });
            const documents = hits.map((hit) => fixtureProduct(hit.productId));

            expect(facets.category).toEqual(countBy(documents.flatMap((d) => d.categoryIds)));
            expect(facets.brand).toEqual(countBy(documents.map((d) => d.brand)));
            expect(facets.price).toEqual(bucketsOf(documents.flatMap((d) => amountOf(d) ?? [])));
            expect(facets.brand.reduce((sum, facet) => sum + facet.count, 0)).toBe(total);
          },
        );

        it('when prices sit on bucket boundaries, then they fall in the bucket they start', async () => {
          const { facets } = await search({ q: 'lamp' });
          expect(facets.price).toEqual([{ from: 2_500, to: 5_000, count: 1 }]);
          const mouse = await search({ q: 'mouse' });
          expect(mouse.facets.price).toEqual([{ from: 0, to: 2_500, count: 1 }]);
        });

        it('when counts tie, then facet values are ordered alphabetically', async () => {
          const brands = (await search({})).facets.brand.map((facet) => facet.value);
          expect(brands).toEqual([
            'Aurora',
            'Nimbus',
            'Solstice',
            'Trailhead',
            'Kettleworks',
            'Lumière',
          ]);
        });
      });

      describe('suggestions', () => {
        it('when the prefix is blank, then nothing is suggested', async () => {
          expect(await index.suggest('', 5)).toEqual([]);
          expect(await index.suggest('  ', 5)).toEqual([]);
        });

        it('when a prefix matches product names, then they are suggested with ids before completions', async () => {
          const suggestions = await index.suggest('aur', 10);
          const auroraNames = AURORA_IDS.map((productId) => ({
            text: fixtureProduct(productId).name,
            productId,
          }));

          expect(suggestions.slice(0, AURORA_IDS.length)).toEqual(
            expect.arrayContaining(auroraNames),
          );
          expect(suggestions.slice(AURORA_IDS.length)).toEqual([{ text: 'Aurora' }]);
        });

        it('when a prefix only completes a category name, then it is suggested without an id', async () => {
          expect(await index.suggest('wear', 5)).toEqual([{ text: 'Wearables' }]);
        });

        it('when several words are typed, then the last one is completed', async () => {
          const suggestions = await index.suggest('aurora wireless h', 5);
          expect(suggestions[0]).toEqual({
            text: 'Aurora Wireless Headphones',
            productId: 'prod-01',
          });
        });

        it.runIf(typoTolerance)('when the prefix has a typo, then names still match', async () => {
          const suggested = (await index.suggest('hedphones', 5)).map((s) => s.productId);
          expect(suggested).toEqual(expect.arrayContaining(HEADPHONE_IDS));
        });

        it('when more names match than the limit, then the limit is respected', async () => {
          expect(await index.suggest('s', 3)).toHaveLength(3);
        });

        it('when two products share a name, then the name is suggested once', async () => {
          await index.upsert([{ ...fixtureProduct('prod-02'), productId: 'prod-31' }]);
          const texts = (await index.suggest('earb', 5)).map((s) => s.text);
          expect(texts).toEqual(['Aurora Wireless Earbuds']);
        });
      });

      describe('patching price and stock', () => {
        it('when a price is set, then price filters, sorts and facets use it', async () => {
          expect(await idsFor({ minPrice: 1_000, maxPrice: 2_000 })).toEqual(['prod-12']);
          await index.patch('prod-05', { price: { amount: 1_999, currency: 'USD' } });

          const result = await search({ minPrice: 1_000, maxPrice: 2_000 });
          expect(sortedIds(result.items)).toEqual(['prod-05', 'prod-12']);
          expect(result.items.find((h) => h.productId === 'prod-05')?.price).toEqual({
            amount: 1_999,
            currency: 'USD',
          });
          expect((await idsFor({ sort: 'price_asc' })).slice(0, 2)).toEqual(['prod-12', 'prod-05']);
          const cheapest = (await search({})).facets.price[0];
          expect(cheapest).toEqual({ from: 0, to: 2_500, count: 3 });
        });

        it('when a price is cleared, then price filters exclude the product', async () => {
          await index.patch('prod-12', { price: null });
          expect(await idsFor({ maxPrice: 2_000 })).toEqual([]);
        });

        it('when stock changes, then the stock filter follows and the price is kept', async () => {
          expect(await idsFor({ inStock: true })).toContain('prod-01');
          await index.patch('prod-05', { inStock: true });
          await index.patch('prod-01', { inStock: false });

          const inStock = await idsFor({ inStock: true });
          expect(inStock).toContain('prod-05');
          expect(inStock).not.toContain('prod-01');
          const [headphones] = (await search({ q: 'aurora wireless headphones' })).items;
          expect(headphones?.price).toEqual(fixtureProduct('prod-01').price);
        });

        it('when a sale price is patched, then hits carry it with its compare-at, and a later price without one clears it', async () => {
          const sale = { amount: 9_999, currency: 'USD' };
          const was = { amount: 12_999, currency: 'USD' };
          expect(await index.patch('prod-01', { price: sale, compareAtPrice: was })).toBe(true);
          const [hit] = (await search({ q: 'aurora wireless headphones' })).items;
          expect(hit).toMatchObject({ productId: 'prod-01', price: sale, compareAtPrice: was });

          await index.patch('prod-01', { price: was, compareAtPrice: null });
          const [after] = (await search({ q: 'aurora wireless headphones' })).items;
          expect(after).toMatchObject({ price: was, compareAtPrice: null });
        });

        it('when a patch changes nothing, then it says so; when it changes a field, then it says that', async () => {
          const { price, compareAtPrice, inStock } = fixtureProduct('prod-02');
          expect(await index.patch('prod-02', { price, compareAtPrice, inStock })).toBe(false);
          expect(await index.patch('prod-02', { inStock: !inStock })).toBe(true);
          expect(await index.patch('prod-02', { compareAtPrice: null })).toBe(true);
          expect(await index.patch('prod-unknown', { inStock: true })).toBe(false);
        });

        // Scores may drift slightly on OpenSearch: Lucene counts the replaced copy until segments merge.
        it('when a price is patched, then text matching and ranking are untouched', async () => {
          const before = (await search({ q: 'speaker' })).items;
          await index.patch('prod-04', { price: { amount: 100, currency: 'USD' }, inStock: false });
          const after = (await search({ q: 'speaker' })).items;
          expect(ids(after)).toEqual(ids(before));
          expect(after.find((hit) => hit.productId === 'prod-04')?.price?.amount).toBe(100);
        });

        it.each(['price_asc', 'price_desc'] as const)(
          'when prices are patched on and off, then %s follows them with unpriced products last',
          async (sort) => {
            await index.patch('prod-12', { price: null });
            await index.patch('prod-06', { price: { amount: 1, currency: 'USD' } });
            const order = await idsFor({ sort });
            const unpriced = [...fixtureIds((d) => d.price === null), 'prod-12']
              .filter((id) => id !== 'prod-06')
              .sort();
            expect(order.slice(-unpriced.length)).toEqual(unpriced);
            expect(order.at(sort === 'price_asc' ? 0 : -unpriced.length - 1)).toBe('prod-06');
          },
        );

        it('when price and stock are patched, then a stock filter within a price range and its facets follow', async () => {
          const base = { minPrice: 0, maxPrice: 2_499, inStock: true } as const;
          const before = await search(base);
          await index.patch('prod-03', {
            price: { amount: 2_000, currency: 'USD' },
            inStock: true,
          });
          const after = await search(base);
          expect(sortedIds(after.items)).toEqual([...ids(before.items), 'prod-03'].sort());
          expect(after.facets.price).toEqual([{ from: 0, to: 2_500, count: after.total }]);
          expect(after.total).toBe(before.total + 1);
        });

        it('when patching an unknown product, then nothing changes', async () => {
          await index.patch('prod-unknown', { inStock: true });
          expect(await index.count()).toBe(fixtureCatalog().length);
          expect(await idsFor({})).toEqual(fixtureIds(() => true));
        });
      });
    });
  });
}
