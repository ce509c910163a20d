import { describe, expect, it } from 'vitest';
import {
  canMove,
  moveOrder,
  withLineDefaults,
  ZERO_TOTALS,
  type Order,
  type OrderStatus,
} from '../../src/domain/order.ts';
import {
  fullyReturned,
  refundOf,
  returnLinesOf,
  type OrderReturn,
} from '../../src/domain/returns.ts';
import { hashOf } from '../../src/app/use-cases/place-order.ts';

function order(status: OrderStatus = 'pending'): Order {
  return {
    id: 'ord_1',
    userId: 'usr_1',
    status,
    currency: 'USD',
    cartId: 'cart_1',
    lines: [
      {
        sku: 'A',
        name: 'Lamp',
        image: null,
        quantity: 3,
        unitPrice: 1000,
        lineTotal: 3000,
        discount: 300,
        tax: 270,
        returned: 0,
      },
      {
        sku: 'B',
        name: 'Bulb',
        image: null,
        quantity: 1,
        unitPrice: 500,
        lineTotal: 500,
        discount: 0,
        tax: 50,
        returned: 0,
      },
    ],
    totals: ZERO_TOTALS,
    shippingAddress: { name: 'n', line1: 'l', city: 'c', postalCode: 'p', country: 'US' },
    shippingOption: null,
    promotionCode: null,
    quoteId: null,
    rejection: null,
    payment: { authorizationId: null, captured: 0, refunded: 0 },
    history: [{ status, at: 0 }],
    idempotencyKey: 'k',
    version: 1,
    createdAt: 0,
    updatedAt: 0,
  };
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('the order state machine', () => {
  const legal: [OrderStatus, OrderStatus][] = [
    ['pending', 'confirmed'],
    ['pending', 'rejected'],
    ['confirmed', 'shipped'],
    ['confirmed', 'cancelled'],
    ['shipped', 'delivered'],
    ['delivered', 'returned'],
  ];
  const all: OrderStatus[] = [
    'pending',
    'confirmed',
    'rejected',
    'cancelled',
    'shipped',
    'delivered',
    'returned',
  ];

  it.each(legal)(
    'when a %s order becomes %s, then the move is recorded in its history',
    (from, to) => {
      const moved = moveOrder(order(from), to, 42, 'why');
      expect(moved.status).toBe(to);
      expect(moved.history.at(-1)).toEqual({ status: to, at: 42, reason: 'why' });
      expect(moved.updatedAt).toBe(42);
    },
  );

  it('when any other move is asked for, then it is ORDERS.ILLEGAL_TRANSITION (a 409)', () => {
    const illegal = all.flatMap((from) =>
      all
        .filter((to) => !legal.some(([f, t]) => f === from && t === to))
        .map((to) => [from, to] as const),
    );
    expect(illegal.length).toBe(all.length * all.length - legal.length);
    for (const [from, to] of illegal) {
      expect(canMove(from, to)).toBe(false);
      expect(codeOf(() => moveOrder(order(from), to, 1))).toBe('ORDERS.ILLEGAL_TRANSITION');
    }
  });
});

describe('returns', () => {
  it('when units are returned, then the refund is their share of what the line cost after discount with tax, rounded down', () => {
    // A: 3000 - 300 + 270 = 2970 for 3 units.
    expect(refundOf(order(), 'A', 1)).toBe(990);
    expect(refundOf(order(), 'A', 3)).toBe(2970);
    expect(refundOf(order(), 'B', 1)).toBe(550);
  });

  it('when a return asks for more than is left (counting open returns), then it is refused with the units that can be', () => {
    const open: OrderReturn = {
      id: 'ret_1',
      orderId: 'ord_1',
      userId: 'usr_1',
      status: 'requested',
      reason: 'r',
      lines: [{ sku: 'A', quantity: 2, refund: 1980 }],
      refund: 1980,
      currency: 'USD',
      restocked: false,
      refundId: null,
      history: [],
      version: 1,
      createdAt: 0,
      updatedAt: 0,
    };
    expect(codeOf(() => returnLinesOf(order(), [open], [{ sku: 'A', quantity: 2 }]))).toBe(
      'ORDERS.INVALID_RETURN',
    );
    expect(returnLinesOf(order(), [open], [{ sku: 'A', quantity: 1 }])).toEqual([
      { sku: 'A', quantity: 1, refund: 990 },
    ]);
    expect(codeOf(() => returnLinesOf(order(), [], [{ sku: 'Z', quantity: 1 }]))).toBe(
      'ORDERS.INVALID_RETURN',
    );
  });

  it('when every unit came back, then the order is fully returned, not before', () => {
    const some = {
      ...order(),
      lines: order().lines.map((l) => ({ ...l, returned: l.sku === 'A' ? 3 : 0 })),
    };
    expect(fullyReturned(some)).toBe(false);
    expect(
      fullyReturned({ ...some, lines: some.lines.map((l) => ({ ...l, returned: l.quantity })) }),
    ).toBe(true);
  });
});

describe('request hashes', () => {
  it('when two bodies differ only in key order, then they hash the same; any value change hashes differently', () => {
    expect(hashOf({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      hashOf({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(hashOf({ a: 1, b: { c: [2, 1] } })).not.toBe(hashOf({ a: 1, b: { c: [1, 2] } }));
    expect(hashOf({ a: 1 })).not.toBe(hashOf({ a: '1' }));
  });
});

describe('orders stored before line names were kept', () => {
  it('when an order has lines without name or image, then withLineDefaults reads them as null and keeps everything else', () => {
    const current = order('delivered');
    const stored = {
      ...current,
      lines: current.lines.map(({ name: _name, image: _image, ...rest }) => rest),
    } as unknown as Order;
    const upgraded = withLineDefaults(stored);
    expect(upgraded.lines.map((line) => [line.sku, line.name, line.image])).toEqual([
      ['A', null, null],
      ['B', null, null],
    ]);
    expect({ ...upgraded, lines: [] }).toEqual({ ...current, lines: [] });
    expect(withLineDefaults(current)).toBe(current);
  });
});
