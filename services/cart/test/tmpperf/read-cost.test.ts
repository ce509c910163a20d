import { it } from 'vitest';
import { startCart } from '../component/harness.ts';
import { readCart } from '../../src/app/use-cases/read-cart.ts';

it('measures', async () => {
  const h = await startCart();
  h.shop.addProduct('Bench cart product 8390BE', Array.from({ length: 10 }, (_, i) => ({ sku: `BENCH-C8390BE-000${i}`, price: 1999 + i, stock: 10_000_000 })));
  const cart = await h.anonymousCart();
  for (let i = 0; i < 10; i++) await h.request('POST', `/carts/${cart.id}/items`, { headers: cart.headers, payload: { sku: `BENCH-C8390BE-000${i}`, quantity: 1 + (i % 3) } });
  const caller = { userId: null, admin: false, service: false, cartToken: cart.headers['x-cart-token'] };
  const deps = h.service.stores;
  for (let round = 0; round < 3; round++) {
    const N = 20000;
    let t = performance.now();
    for (let i = 0; i < N; i++) await readCart(deps, cart.id, caller);
    const use = ((performance.now() - t) * 1000) / N;
    t = performance.now();
    for (let i = 0; i < N; i++) JSON.stringify(await readCart(deps, cart.id, caller));
    const useJson = ((performance.now() - t) * 1000) / N;
    t = performance.now();
    for (let i = 0; i < N; i++) await deps.store.get(cart.id);
    const get = ((performance.now() - t) * 1000) / N;
    t = performance.now();
    const M = 5000;
    for (let i = 0; i < M; i++) await h.request('GET', `/carts/${cart.id}`, { headers: cart.headers });
    const inject = ((performance.now() - t) * 1000) / M;
    t = performance.now();
    for (let i = 0; i < M; i++) await h.request('GET', `/health/live`);
    const live = ((performance.now() - t) * 1000) / M;
    console.log(`readCart ${use.toFixed(1)}µs +json ${useJson.toFixed(1)}µs store.get ${get.toFixed(1)}µs inject GET ${inject.toFixed(1)}µs inject live ${live.toFixed(1)}µs`);
  }
  await h.close();
}, 120_000);
