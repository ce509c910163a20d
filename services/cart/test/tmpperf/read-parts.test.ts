import { it } from 'vitest';
import { startCart } from '../component/harness.ts';
import { readProducts, readStock } from '../../src/app/read-through.ts';
import { readQuote } from '../../src/app/read-quote.ts';
import { visible, mayRead } from '../../src/app/access.ts';
import { viewCart } from '../../src/app/cart-view.ts';
import { readCart } from '../../src/app/use-cases/read-cart.ts';

it('measures parts', async () => {
  const h = await startCart();
  h.shop.addProduct('Bench cart product 8390BE', Array.from({ length: 10 }, (_, i) => ({ sku: `BENCH-C8390BE-000${i}`, price: 1999 + i, stock: 10_000_000 })));
  const cart = await h.anonymousCart();
  for (let i = 0; i < 10; i++) await h.request('POST', `/carts/${cart.id}/items`, { headers: cart.headers, payload: { sku: `BENCH-C8390BE-000${i}`, quantity: 1 + (i % 3) } });
  await h.request('GET', `/carts/${cart.id}`, { headers: cart.headers });
  const caller = { userId: null, admin: false, service: false, cartToken: cart.headers['x-cart-token'] };
  const deps = h.service.stores;
  const record = (await deps.store.get(cart.id))!;
  const skus = record.lines.map((l) => l.sku);
  const lastView = await viewCart(deps, record, 'USD');
  const time = async (label: string, f: () => unknown) => {
    const N = 20000;
    const t = performance.now();
    for (let i = 0; i < N; i++) await f();
    return `${label} ${(((performance.now() - t) * 1000) / N).toFixed(1)}µs`;
  };
  for (let round = 0; round < 3; round++) {
    console.log([
      await time('visible', () => visible(record, caller, Date.now(), mayRead)),
      await time('products', () => readProducts(deps, skus)),
      await time('stock', () => readStock(deps, skus)),
      await time('quote', () => readQuote(deps, { lines: record.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), currency: 'USD', promotionCode: null, customerId: null })),
      await time('snap.products', () => deps.snapshots.products(skus)),
      await time('cache.getMany', () => deps.cache.getMany(skus.map((s) => `product:${s}`))),
      await time('viewCart', () => viewCart(deps, record, 'USD')),
      await time('readCart', () => readCart(deps, cart.id, caller)),
      await time('stringify', () => JSON.stringify(lastView)),
      await time('noop', () => undefined),
    ].join(' | '));
  }
  await h.close();
}, 120_000);
