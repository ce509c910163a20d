import { describe, expect, it } from 'vitest';
import { ChangeCounter, ResponseCache } from '../../src/adapters/http/response-cache.ts';

/** A list page about the size of a real one: 20 products of ~1.2 kB each. */
const PAGE = JSON.stringify({
  items: Array.from({ length: 20 }, (_, index) => ({
    id: `prd_${index}`,
    description: 'x'.repeat(1_200),
  })),
  nextCursor: null,
});

describe('ResponseCache', () => {
  it('when thousands of distinct URLs are read, then the bytes held stay under the bound', () => {
    const maxBytes = 2 * 1024 * 1024;
    const changes = new ChangeCounter();
    const cache = new ResponseCache(changes, { maxBytes });
    let peak = 0;
    for (let index = 0; index < 5_000; index += 1) {
      cache.put(`/products?brand=junk-${index}`, changes.value, PAGE);
      peak = Math.max(peak, cache.sizeBytes);
    }
    // 5,000 pages of ~25 kB would be ~120 MB unbounded.
    expect(PAGE.length * 5_000).toBeGreaterThan(100 * 1024 * 1024);
    expect(peak).toBeLessThanOrEqual(maxBytes);
    expect(cache.size).toBeGreaterThan(0);
    // The most recent URL is still served; the oldest was evicted.
    expect(cache.get('/products?brand=junk-4999')).toBeDefined();
    expect(cache.get('/products?brand=junk-0')).toBeUndefined();
  });

  it('when a body is larger than an entry may be, then it is served but not kept', () => {
    const changes = new ChangeCounter();
    const cache = new ResponseCache(changes, { maxBytes: 64 * 1024, maxEntryBytes: 1024 });
    const entry = cache.put('/products', changes.value, PAGE);
    expect(entry.body.toString()).toBe(PAGE);
    expect(cache.get('/products')).toBeUndefined();
    expect(cache.sizeBytes).toBe(0);
  });

  it('when the bound is 0, then nothing is kept', () => {
    const changes = new ChangeCounter();
    const cache = new ResponseCache(changes, { maxBytes: 0 });
    cache.put('/products', changes.value, '{}');
    expect(cache.get('/products')).toBeUndefined();
  });

  it('when the catalog changes, then an entry of the older generation is not served', () => {
    const changes = new ChangeCounter();
    const cache = new ResponseCache(changes, { maxBytes: 1024 * 1024 });
    cache.put('/products', changes.value, '{}');
    changes.bump();
    expect(cache.get('/products')).toBeUndefined();
  });
});
