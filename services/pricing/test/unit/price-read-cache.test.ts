import { describe, expect, it } from 'vitest';
import { PriceReadCache } from '../../src/adapters/http/price-read-cache.ts';
import { ManualClock } from '@emporium/kit/testing';

const price = { json: '{"sku":"A"}', version: 1 };

function cacheOf(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const clock = new ManualClock();
  const cache = new PriceReadCache({
    clock,
    maxEntries: options.maxEntries ?? 10,
    ttlMs: options.ttlMs ?? 1000,
  });
  return { clock, cache };
}

describe('the read cache of encoded prices', () => {
  it('when a price was put in the current generation, then it is served until the TTL runs out', () => {
    const { clock, cache } = cacheOf();
    cache.put('USD', 'A', cache.generation, price);
    expect(cache.get('USD', 'A')).toMatchObject(price);
    expect(cache.get('EUR', 'A')).toBeUndefined();
    clock.advance(1000);
    expect(cache.get('USD', 'A')).toBeUndefined();
  });

  it('when a write bumps the generation, then nothing read before it is served, not even a late put', () => {
    const { cache } = cacheOf();
    const before = cache.generation;
    cache.put('USD', 'A', before, price);
    cache.bump();
    expect(cache.get('USD', 'A')).toBeUndefined();
    cache.put('USD', 'B', before, price);
    expect(cache.get('USD', 'B')).toBeUndefined();
  });

  it('when more entries arrive than the bound, then the oldest go first', () => {
    const { cache } = cacheOf({ maxEntries: 2 });
    for (const sku of ['A', 'B', 'C']) cache.put('USD', sku, cache.generation, price);
    expect(cache.size).toBe(2);
    expect(cache.get('USD', 'A')).toBeUndefined();
    expect(cache.get('USD', 'C')).toBeDefined();
  });

  it('when the bound is 0, then nothing is kept', () => {
    const { cache } = cacheOf({ maxEntries: 0 });
    cache.put('USD', 'A', cache.generation, price);
    expect(cache.get('USD', 'A')).toBeUndefined();
  });
});

describe('the read cache of batch bodies', () => {
  const body = Buffer.from('{"items":[]}');

  it('when a batch body was kept, then it is served until the TTL runs out', () => {
    const { clock, cache } = cacheOf();
    cache.putBody('USD\nA,B', cache.generation, body);
    expect(cache.getBody('USD\nA,B')).toBe(body);
    expect(cache.getBody('USD\nA')).toBeUndefined();
    clock.advance(1000);
    expect(cache.getBody('USD\nA,B')).toBeUndefined();
  });

  it('when a write bumps the generation, then no body read before it is served, not even a late put', () => {
    const { cache } = cacheOf();
    const before = cache.generation;
    cache.putBody('k', before, body);
    cache.bump();
    expect(cache.getBody('k')).toBeUndefined();
    cache.putBody('k', before, body);
    expect(cache.getBody('k')).toBeUndefined();
  });

  it('when the cache is off, then no body is kept', () => {
    const { cache } = cacheOf({ maxEntries: 0 });
    cache.putBody('k', cache.generation, body);
    expect(cache.getBody('k')).toBeUndefined();
  });
});
