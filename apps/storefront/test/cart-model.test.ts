import { describe, expect, it } from 'vitest';

/** The storefront is plain browser JavaScript without types: load its pure cart rules as such. */
type Fn = (...args: unknown[]) => unknown;
const cartModel = (await import(
  new URL('../public/cart-model.js', import.meta.url).href
)) as Record<string, unknown>;

function fn(name: string): Fn {
  const found = cartModel[name];
  if (typeof found !== 'function') throw new Error(`cart-model.js exports no ${name}`);
  return found as Fn;
}

const KEY = cartModel['CART_STORAGE_KEY'] as string;
const readStoredCart = fn('readStoredCart');
const writeStoredCart = fn('writeStoredCart');
const forgetStoredCart = fn('forgetStoredCart');
const itemCount = fn('itemCount');
const cartView = fn('cartView');
const lineView = fn('lineView') as (line: unknown) => { warning: string | null; options: unknown };
const parseQuantity = fn('parseQuantity');
const retryAfterSeconds = fn('retryAfterSeconds');
const cartErrorMessage = fn('cartErrorMessage');
const isCartGone = fn('isCartGone');

/** localStorage's surface, in memory. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const usd = (amount: number) => ({ amount, currency: 'USD' });

function line(overrides: Record<string, unknown> = {}) {
  return {
    id: 'lin_1',
    sku: 'CUR-MSE-0595-BLK',
    productId: 'prd_1',
    name: 'Cursora Travel Wireless Mouse',
    image: null,
    options: { color: 'Black' },
    quantity: 2,
    unitPrice: usd(4949),
    lineTotal: usd(9898),
    available: 12,
    purchasable: true,
    stale: false,
    ...overrides,
  };
}

describe('the stored cart reference', () => {
  it('when a cart is written, then only its id and token are kept, and read back', () => {
    const storage = memoryStorage();
    writeStoredCart(storage, { id: 'crt_1', token: 'tok-abc', items: [1], userId: 'u' });
    expect(JSON.parse(storage.items.get(KEY) ?? '')).toEqual({ id: 'crt_1', token: 'tok-abc' });
    expect(readStoredCart(storage)).toEqual({ id: 'crt_1', token: 'tok-abc' });
    forgetStoredCart(storage);
    expect(storage.items.has(KEY)).toBe(false);
    expect(readStoredCart(storage)).toBeNull();
  });

  it('when the stored entry is garbage, tampered or storage is off, then there is no cart', () => {
    for (const raw of [
      'not json',
      'null',
      '[]',
      '{"id":""}',
      '{"id":"a b"}',
      '{"id":"c","token":5}',
    ])
      expect(readStoredCart(memoryStorage({ [KEY]: raw }))).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readStoredCart(throwing)).toBeNull();
    expect(readStoredCart(null)).toBeNull();
    expect(() => writeStoredCart({ setItem: throwing.getItem }, { id: 'x' })).not.toThrow();
  });
});

describe('the cart as the page shows it', () => {
  it('when a cart has lines, then the count sums the quantities and the totals are read as money', () => {
    const cart = {
      id: 'crt_1',
      items: [line(), line({ id: 'lin_2', sku: 'B', quantity: 1 })],
      subtotal: usd(14847),
      discount: usd(1485),
      total: usd(13362),
      promotionCode: 'TEN',
      degraded: false,
    };
    expect(itemCount(cart)).toBe(3);
    expect(itemCount(null)).toBe(0);
    const view = cartView(cart) as Record<string, unknown>;
    expect(view).toMatchObject({
      id: 'crt_1',
      count: 3,
      subtotal: usd(14847),
      discount: usd(1485),
      total: usd(13362),
      promotionCode: 'TEN',
      degraded: false,
      notice: null,
    });
    expect((view['lines'] as unknown[]).length).toBe(2);
  });

  it('when the cart is degraded or a line is stale, then a notice says prices may be out of date', () => {
    const degraded = cartView({ items: [line()], degraded: true }) as { notice: string };
    expect(degraded.notice).toMatch(/out of date/);
    const stale = cartView({ items: [line({ stale: true })], degraded: false }) as {
      degraded: boolean;
      notice: string;
    };
    expect(stale.degraded).toBe(true);
    expect(stale.notice).toMatch(/out of date/);
  });

  it('when a line has no price yet, then the notice says it is not in the total, and a zero discount is none', () => {
    const view = cartView({
      items: [line({ unitPrice: null, lineTotal: null })],
      discount: usd(0),
      degraded: false,
    }) as { notice: string; discount: unknown };
    expect(view.notice).toMatch(/no price/);
    expect(view.discount).toBeNull();
  });

  it('when stock is short, gone or the product left the catalog, then the line warns and bounds the quantity', () => {
    expect(lineView(line({ available: 12 }))).toMatchObject({ maxQuantity: 12, warning: null });
    expect(lineView(line({ available: 500 }))).toMatchObject({ maxQuantity: 99 });
    expect(lineView(line({ available: null }))).toMatchObject({ maxQuantity: 99, warning: null });
    expect(lineView(line({ quantity: 4, available: 1 }))).toMatchObject({
      maxQuantity: 4,
      warning: 'Only 1 available: lower the quantity to check out.',
    });
    expect(lineView(line({ available: 0 })).warning).toMatch(/Out of stock/);
    expect(lineView(line({ purchasable: false })).warning).toMatch(/No longer sold/);
  });

  it('when options carry objects, then only plain values are listed', () => {
    expect(lineView(line({ options: { color: 'Black', size: 9, bad: { x: 1 } } })).options).toEqual(
      [
        ['color', 'Black'],
        ['size', 9],
      ],
    );
  });
});

describe('quantities and errors', () => {
  it('when a quantity is typed, then whole numbers up to the bound pass and anything else says why', () => {
    expect(parseQuantity('3', 10)).toEqual({ quantity: 3 });
    expect(parseQuantity(' 0 ', 10)).toEqual({ quantity: 0 });
    expect(parseQuantity('11', 10)).toEqual({ error: 'You can add up to 10.' });
    for (const text of ['', '-1', '1.5', 'two', '1e3'])
      expect(parseQuantity(text, 10)).toEqual({ error: 'Enter a whole number.' });
  });

  it('when Retry-After is seconds or a date, then it reads as seconds', () => {
    const now = Date.parse('2026-12-02T03:00:00Z');
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 03:00:05 GMT', now)).toBe(5);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });

  it('when the cart answers 409, 503, 422 or nothing, then the shopper reads what to do', () => {
    expect(cartErrorMessage({ status: 409, available: 3 })).toBe(
      'Only 3 available: we could not add that many.',
    );
    expect(cartErrorMessage({ status: 409, available: 0 })).toMatch(/out of stock/);
    expect(cartErrorMessage({ status: 503, retryAfter: 2 })).toMatch(/try again in 2 seconds/);
    expect(cartErrorMessage({ status: 503 })).toMatch(/try again in a moment/);
    expect(cartErrorMessage({ status: 422, message: 'The order must be at least $50.00.' })).toBe(
      'The order must be at least $50.00.',
    );
    expect(cartErrorMessage({ status: 0, message: 'We could not reach the store.' })).toBe(
      'We could not reach the store.',
    );
  });

  it('when a call answers 404, then the cart is gone unless only a line of it was', () => {
    expect(isCartGone({ status: 404, code: 'CART.CART_NOT_FOUND' })).toBe(true);
    expect(isCartGone({ status: 404, code: '' })).toBe(true);
    expect(isCartGone({ status: 404, code: 'CART.ITEM_NOT_FOUND' })).toBe(false);
    expect(isCartGone({ status: 409, code: 'CART.INSUFFICIENT_STOCK' })).toBe(false);
    expect(cartErrorMessage({ status: 404, code: 'CART.CART_NOT_FOUND' })).toMatch(/expired/);
    expect(cartErrorMessage({ status: 404, code: 'CART.ITEM_NOT_FOUND' })).toMatch(
      /no longer in your cart/,
    );
  });
});
