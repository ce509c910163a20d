import { afterEach, describe, expect, it } from 'vitest';
import {
  MOTO_INTERNAL_ERROR,
  scriptedTransactWrites,
  startFakeDynamo,
  type FakeDynamoAnswer,
} from '@emporium/kit/testing';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

/**
 * The cart on its DynamoDB adapters against a scripted endpoint on loopback: an engine
 * hiccup is retried, one that persists is a 503 with Retry-After, never a 500 (ADR 0040).
 */
describe('cart on DynamoDB when the engine hiccups', () => {
  let cart: CartHarness | undefined;
  let engine: Awaited<ReturnType<typeof startFakeDynamo>> | undefined;
  afterEach(async () => {
    await cart?.close();
    await engine?.close();
  });

  async function start(transactWrite: (n: number) => FakeDynamoAnswer) {
    engine = await startFakeDynamo(scriptedTransactWrites(transactWrite));
    cart = await startCart({
      env: {
        CART_STORE: 'dynamodb',
        CART_DYNAMODB_TABLE: 'cart-hiccups',
        AWS_ENDPOINT_URL: engine.url,
      },
    });
    return cart;
  }

  it('when every write answers 500, then creating a cart is a 503 STORE_UNAVAILABLE with Retry-After, after the retries', async () => {
    const harness = await start(() => MOTO_INTERNAL_ERROR);
    const response = await harness.request('POST', '/carts');
    expectProblem(response, 503, 'COMMON.STORE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe('1');
    expect(engine?.requests.get('TransactWriteItems')).toBe(6);
  });

  it('when the engine answers 500 twice and then takes the write, then the cart is created', async () => {
    const harness = await start((n) => (n < 2 ? MOTO_INTERNAL_ERROR : { status: 200, body: '{}' }));
    const response = await harness.request('POST', '/carts');
    expect(response.statusCode, response.body).toBe(201);
    expect(engine?.requests.get('TransactWriteItems')).toBe(3);
  });
});
