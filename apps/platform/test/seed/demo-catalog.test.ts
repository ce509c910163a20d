import { describe, expect, it } from 'vitest';
import { generateDemoCatalog } from '../../src/seed/demo-catalog.ts';
import type { DemoCatalog } from '../../src/seed/demo-catalog.ts';
import { createRng, deriveSeed } from '../../src/seed/random.ts';
import { DEPARTMENTS } from '../../src/seed/vocabulary.ts';

const SEEDS = [42, 1, 7, 2024, 987_654_321, -5];
const catalogs: ReadonlyMap<number, DemoCatalog> = new Map(
  SEEDS.map((seed) => [seed, generateDemoCatalog({ seed })]),
);
const defaultCatalog = generateDemoCatalog();

function eachCatalog(): [number, DemoCatalog][] {
  return [...catalogs.entries()];
}

function leafKeys(catalog: DemoCatalog): Set<string> {
  const parents = new Set(catalog.categories.map((c) => c.parentKey).filter((k) => k !== null));
  return new Set(catalog.categories.map((c) => c.key).filter((k) => !parents.has(k)));
}

describe('generateDemoCatalog', () => {
  describe('determinism', () => {
    it('when generated twice with the same seed and count, then the catalogs are deep-equal', () => {
      expect(generateDemoCatalog({ seed: 7, productCount: 600 })).toEqual(
        generateDemoCatalog({ seed: 7, productCount: 600 }),
      );
    });

    it('when called without options, then it uses seed 42 and 600 products', () => {
      expect(defaultCatalog.products).toHaveLength(600);
      expect(defaultCatalog).toEqual(generateDemoCatalog({ seed: 42, productCount: 600 }));
    });

    it('when the seed differs, then the products differ', () => {
      const a = generateDemoCatalog({ seed: 1 });
      const b = generateDemoCatalog({ seed: 2 });
      expect(a).not.toEqual(b);
      const sameName = a.products.filter((p, i) => p.name === b.products[i]?.name).length;
      expect(sameName).toBeLessThan(a.products.length / 4);
    });

    it('when the count grows, then the earlier products stay the same', () => {
      const small = generateDemoCatalog({ seed: 42, productCount: 100 });
      expect(defaultCatalog.products.slice(0, 100)).toEqual(small.products);
    });

    it('when the generator runs, then it never touches Math.random or the clock', () => {
      const random = Math.random;
      const now = Date.now;
      Math.random = () => {
        throw new Error('Math.random used');
      };
      Date.now = () => {
        throw new Error('Date.now used');
      };
      try {
        expect(generateDemoCatalog({ productCount: 50 }).products).toHaveLength(50);
      } finally {
        Math.random = random;
        Date.now = now;
      }
    });
  });

  describe('categories', () => {
    it('when the catalog is built, then it has at least 12 categories in a two-level tree', () => {
      const { categories } = defaultCatalog;
      expect(categories.length).toBeGreaterThanOrEqual(12);
      expect(new Set(categories.map((c) => c.key)).size).toBe(categories.length);
      const byKey = new Map(categories.map((c) => [c.key, c]));
      const roots = categories.filter((c) => c.parentKey === null);
      expect(roots.length).toBeGreaterThanOrEqual(5);
      for (const category of categories) {
        if (category.parentKey === null) continue;
        expect(byKey.get(category.parentKey)?.parentKey).toBeNull();
      }
      for (const root of roots) {
        const children = categories.filter((c) => c.parentKey === root.key);
        expect(children.length).toBeGreaterThanOrEqual(2);
        expect(children.length).toBeLessThanOrEqual(4);
      }
    });

    it('when products are generated, then each sits in an existing leaf (plus only its parent) and ≥10 leaves are used', () => {
      for (const [, catalog] of eachCatalog()) {
        const leaves = leafKeys(catalog);
        const byKey = new Map(catalog.categories.map((c) => [c.key, c]));
        const used = new Set<string>();
        for (const product of catalog.products) {
          const [leaf, ...rest] = product.categoryKeys;
          expect(leaf !== undefined && leaves.has(leaf)).toBe(true);
          used.add(leaf ?? '');
          expect(rest).toEqual([byKey.get(leaf ?? '')?.parentKey]);
        }
        expect(used.size).toBeGreaterThanOrEqual(10);
      }
    });

    it('when 600 products are generated, then they are spread evenly over the leaves', () => {
      const perLeaf = new Map<string, number>();
      for (const p of defaultCatalog.products) {
        const leaf = p.categoryKeys[0] ?? '';
        perLeaf.set(leaf, (perLeaf.get(leaf) ?? 0) + 1);
      }
      const counts = [...perLeaf.values()];
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    });
  });

  describe('products', () => {
    it('when the default catalog is built, then it has ≥500 products with stable keys', () => {
      expect(defaultCatalog.products.length).toBeGreaterThanOrEqual(500);
      expect(defaultCatalog.products[0]?.key).toBe('p-0001');
      expect(defaultCatalog.products.map((p) => p.key)).toEqual(
        defaultCatalog.products.map((_, i) => `p-${String(i + 1).padStart(4, '0')}`),
      );
    });

    it('when the default catalog is built, then it uses at least 40 distinct brands', () => {
      expect(new Set(defaultCatalog.products.map((p) => p.brand)).size).toBeGreaterThanOrEqual(40);
    });

    it('when catalogs are built, then every product has 1–4 variants', () => {
      for (const [, catalog] of eachCatalog()) {
        for (const product of catalog.products) {
          expect(product.variants.length).toBeGreaterThanOrEqual(1);
          expect(product.variants.length).toBeLessThanOrEqual(4);
        }
      }
      const counts = new Set(defaultCatalog.products.map((p) => p.variants.length));
      expect([...counts].sort()).toEqual([1, 2, 3, 4]);
    });

    it('when catalogs are built, then SKUs are unique, uppercase alphanumerics and dashes, ≤40 chars', () => {
      for (const [, catalog] of eachCatalog()) {
        const skus = catalog.products.flatMap((p) => p.variants.map((v) => v.sku));
        expect(new Set(skus).size).toBe(skus.length);
        for (const sku of skus) {
          expect(sku).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
          expect(sku.length).toBeLessThanOrEqual(40);
        }
      }
    });

    it('when catalogs are built, then product names are unique (case-insensitively)', () => {
      for (const [, catalog] of eachCatalog()) {
        const names = catalog.products.map((p) => p.name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
      }
    });

    it('when many more products are requested, then names and SKUs stay unique', () => {
      const big = generateDemoCatalog({ seed: 3, productCount: 5000 });
      expect(new Set(big.products.map((p) => p.name.toLowerCase())).size).toBe(5000);
      const skus = big.products.flatMap((p) => p.variants.map((v) => v.sku));
      expect(new Set(skus).size).toBe(skus.length);
    });

    it('when catalogs are built, then text fields respect their length limits', () => {
      for (const [, catalog] of eachCatalog()) {
        for (const p of catalog.products) {
          expect(p.name.length).toBeGreaterThanOrEqual(3);
          expect(p.name.length).toBeLessThanOrEqual(120);
          expect(p.description.length).toBeGreaterThanOrEqual(20);
          expect(p.description.length).toBeLessThanOrEqual(600);
          expect(p.brand.length).toBeGreaterThanOrEqual(2);
          expect(p.brand.length).toBeLessThanOrEqual(60);
          expect(p.name.startsWith(`${p.brand} `)).toBe(true);
          expect(p.name).toBe(p.name.trim());
          expect(p.name).not.toMatch(/\s{2}/);
        }
      }
    });

    it('when descriptions are written, then they are 1–3 finished sentences with no leftover placeholders', () => {
      for (const [, catalog] of eachCatalog()) {
        for (const p of catalog.products) {
          expect(p.description).not.toMatch(/[{}]|undefined|NaN|true|false/);
          expect(p.description).toMatch(/^[A-Z0-9].*\.$/);
          const sentences = p.description.split(/(?<=\.) (?=[A-Z0-9])/);
          expect(sentences.length).toBeGreaterThanOrEqual(1);
          expect(sentences.length).toBeLessThanOrEqual(3);
        }
      }
    });

    it('when a product has a material, then its description mentions it', () => {
      const withMaterial = defaultCatalog.products.filter(
        (p) => typeof p.attributes.material === 'string',
      );
      expect(withMaterial.length).toBeGreaterThan(100);
      const mentioned = withMaterial.filter((p) =>
        p.description.includes(String(p.attributes.material)),
      );
      expect(mentioned.length / withMaterial.length).toBeGreaterThan(0.8);
    });

    it('when attributes are rolled, then they differ per category and hold only scalars', () => {
      const keysByLeaf = new Map<string, string>();
      for (const p of defaultCatalog.products) {
        for (const value of Object.values(p.attributes)) {
          expect(['string', 'number', 'boolean']).toContain(typeof value);
        }
        expect(Object.keys(p.attributes).length).toBeGreaterThanOrEqual(2);
        keysByLeaf.set(p.categoryKeys[0] ?? '', Object.keys(p.attributes).sort().join(','));
      }
      expect(new Set(keysByLeaf.values()).size).toBeGreaterThanOrEqual(10);
    });

    it('when variants are built, then their options are distinct within a product and share the same keys', () => {
      for (const [, catalog] of eachCatalog()) {
        for (const p of catalog.products) {
          const signatures = p.variants.map((v) =>
            JSON.stringify(Object.entries(v.options).sort()),
          );
          expect(new Set(signatures).size).toBe(p.variants.length);
          const keySets = new Set(p.variants.map((v) => Object.keys(v.options).sort().join(',')));
          expect(keySets.size).toBe(1);
          for (const v of p.variants) {
            expect(Object.keys(v.options).length).toBeGreaterThanOrEqual(1);
            for (const value of Object.values(v.options)) expect(value.length).toBeGreaterThan(0);
          }
        }
      }
    });

    it('when prices and stock are suggested, then they are plausible integers', () => {
      for (const p of defaultCatalog.products) {
        expect(Number.isInteger(p.priceCents)).toBe(true);
        expect(p.priceCents).toBeGreaterThanOrEqual(500);
        expect(p.priceCents).toBeLessThanOrEqual(150_000);
        expect(Number.isInteger(p.stock)).toBe(true);
        expect(p.stock).toBeGreaterThanOrEqual(0);
      }
      expect(defaultCatalog.products.some((p) => p.stock === 0)).toBe(true);
    });
  });

  describe('options and performance', () => {
    it('when the count is zero, then only the categories are returned', () => {
      const empty = generateDemoCatalog({ productCount: 0 });
      expect(empty.products).toEqual([]);
      expect(empty.categories).toEqual(defaultCatalog.categories);
    });

    it('when options are invalid, then it throws a RangeError', () => {
      expect(() => generateDemoCatalog({ productCount: -1 })).toThrow(RangeError);
      expect(() => generateDemoCatalog({ productCount: 1.5 })).toThrow(RangeError);
      expect(() => generateDemoCatalog({ productCount: 1_000_000 })).toThrow(RangeError);
      expect(() => generateDemoCatalog({ seed: Number.NaN })).toThrow(RangeError);
    });
  });
});

describe('vocabulary', () => {
  it('when templates reference placeholders, then every noun of the leaf can fill them', () => {
    for (const department of DEPARTMENTS) {
      expect(department.closers.length).toBeGreaterThan(0);
      for (const leaf of department.leaves) {
        for (const noun of leaf.nouns) {
          const keys = new Set([
            'brand',
            'noun',
            ...leaf.attributes.map((a) => a.key),
            ...(noun.attributes ?? []).map((a) => a.key),
          ]);
          for (const lead of noun.leads ?? leaf.leads) {
            for (const [, key] of lead.matchAll(/\{(\w+)\}/g)) {
              expect(keys.has(key ?? ''), `${leaf.key}/${noun.label}: {${key}}`).toBe(true);
            }
          }
          for (const modifier of noun.modifiers ?? leaf.modifiers) {
            for (const key of Object.keys(modifier.set)) {
              expect(keys.has(key), `${leaf.key}/${noun.label}/${modifier.label}: ${key}`).toBe(
                true,
              );
            }
          }
          expect(noun.code).toMatch(/^[A-Z]{2,4}$/);
          expect(noun.price[0]).toBeLessThanOrEqual(noun.price[1]);
        }
      }
    }
  });
});

describe('random', () => {
  it('when two generators share a seed, then they produce the same stream', () => {
    const a = createRng(123);
    const b = createRng(123);
    const streamA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(streamA);
    for (const x of streamA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('when seeds are derived from different parts, then they differ', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(42, i)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
  });

  it('when sampling, then items are distinct and keep their order', () => {
    const rng = createRng(9);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    for (let i = 0; i < 50; i++) {
      const picked = rng.sample(items, 3);
      expect(new Set(picked).size).toBe(3);
      expect([...picked].sort((x, y) => x - y)).toEqual(picked);
    }
  });
});
