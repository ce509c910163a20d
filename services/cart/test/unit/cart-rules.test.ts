import { describe, expect, it } from 'vitest';
import {
  addUnits,
  isExpired,
  mergeCarts,
  newCart,
  setQuantity,
  type CartRecord,
  type CartRules,
  type ProductSnapshot,
} from '../../src/domain/cart.ts';

const rules: CartRules = { maxLines: 2, maxQuantity: 10, anonymousTtlMs: 1_000, userTtlMs: 5_000 };
const NOW = Date.parse('2026-12-01T12:00:00Z');
const product = (sku: string): ProductSnapshot => ({
  sku,
  productId: `prd_${sku}`,
  name: sku,
  image: null,
  options: {},
});
const anonymous = () => newCart({ id: 'crt_A', userId: null, tokenHash: 'h' }, rules, NOW);
const signedIn = () => newCart({ id: 'crt_U', userId: 'usr_1', tokenHash: null }, rules, NOW);
let seq = 0;
const add = (cart: CartRecord, sku: string, quantity: number, available = 100) =>
  addUnits(
    cart,
    { product: product(sku), quantity, available, newLineId: `itm_${(seq += 1)}` },
    rules,
    NOW,
  ).cart;

describe('cart rules', () => {
  it('when the same SKU is added twice, then it is one line with the summed quantity and the next version', () => {
    const cart = add(add(anonymous(), 'A', 2), 'A', 3);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ sku: 'A', quantity: 5 });
    expect(cart.version).toBe(3);
  });

  it('when a quantity is outside 1..max, or a line would pass max, then the add is refused', () => {
    expect(() => add(anonymous(), 'A', 0)).toThrow(
      expect.objectContaining({ code: 'CART.QUANTITY_OUT_OF_RANGE' }),
    );
    expect(() => add(anonymous(), 'A', 11)).toThrow(
      expect.objectContaining({ code: 'CART.QUANTITY_OUT_OF_RANGE' }),
    );
    expect(() => add(add(anonymous(), 'A', 6), 'A', 5)).toThrow(
      expect.objectContaining({ code: 'CART.QUANTITY_OUT_OF_RANGE' }),
    );
  });

  it('when the line would hold more than is available, then it is refused with the available quantity', () => {
    expect(() => add(add(anonymous(), 'A', 2, 3), 'A', 2, 3)).toThrow(
      expect.objectContaining({
        code: 'CART.INSUFFICIENT_STOCK',
        details: { sku: 'A', requested: 4, available: 3 },
      }),
    );
  });

  it('when the cart holds its maximum of lines, then a new SKU is refused but more of a held one is not', () => {
    const full = add(add(anonymous(), 'A', 1), 'B', 1);
    expect(() => add(full, 'C', 1)).toThrow(
      expect.objectContaining({ code: 'CART.TOO_MANY_LINES' }),
    );
    expect(add(full, 'B', 1).lines[1]!.quantity).toBe(2);
  });

  it('when a quantity is set to 0, then the line is removed; more units are checked against availability, fewer are not', () => {
    const cart = add(anonymous(), 'A', 4);
    const id = cart.lines[0]!.id;
    expect(setQuantity(cart, { itemId: id, quantity: 0 }, rules, NOW).cart.lines).toEqual([]);
    expect(() => setQuantity(cart, { itemId: id, quantity: 6, available: 5 }, rules, NOW)).toThrow(
      expect.objectContaining({ code: 'CART.INSUFFICIENT_STOCK' }),
    );
    expect(
      setQuantity(cart, { itemId: id, quantity: 1, available: 0 }, rules, NOW).line!.quantity,
    ).toBe(1);
  });

  it('when carts are merged, then quantities sum, are capped by availability and the line limit, and a SKU with none available is left out', () => {
    const target = add(signedIn(), 'A', 3);
    const source = add(add(anonymous(), 'A', 4), 'B', 2);
    const available = new Map([
      ['A', 5],
      ['B', 0],
    ]);
    const merged = mergeCarts(
      target,
      source,
      available,
      { newLineId: () => 'itm_new' },
      rules,
      NOW,
    );
    expect(merged.cart.lines.map((line) => [line.sku, line.quantity])).toEqual([['A', 5]]);
    expect(merged.lines).toEqual([
      { sku: 'A', requested: 7, quantity: 5, capped: true },
      { sku: 'B', requested: 2, quantity: 0, capped: true },
    ]);
    expect(merged.cart.userId).toBe('usr_1');
  });

  it('when a cart is untouched for its TTL, then it is expired: anonymous and signed-in carts each by their own TTL', () => {
    expect(isExpired(anonymous(), NOW + 999)).toBe(false);
    expect(isExpired(anonymous(), NOW + 1_000)).toBe(true);
    expect(isExpired(signedIn(), NOW + 4_999)).toBe(false);
    const touchedLater = addUnits(
      anonymous(),
      { product: product('A'), quantity: 1, available: 9, newLineId: 'itm_x' },
      rules,
      NOW + 900,
    ).cart;
    expect(isExpired(touchedLater, NOW + 1_500)).toBe(false);
  });
});
