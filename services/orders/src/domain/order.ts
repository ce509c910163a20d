import { OrdersErrors } from './errors.ts';

export type OrderStatus =
  'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'shipped' | 'delivered' | 'returned';

/** Why an order was rejected (API.md), plus the reasons of this service's own checks. */
export type RejectionReason =
  | 'out_of_stock'
  | 'payment_declined'
  | 'payment_unavailable'
  | 'price_changed'
  | 'promotion_unavailable'
  | 'unpriced_item'
  | 'shipping_unavailable'
  | 'reservation_expired'
  | 'upstream_unavailable';

/** Amounts in minor units of the order's currency. */
export interface OrderLine {
  sku: string;
  /**
   * The product's name and image as the cart showed them at checkout, kept with the order
   * like its prices; null on orders placed before names were kept (ADR 0039).
   */
  name: string | null;
  image: string | null;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
  tax: number;
  /** Units already returned (received back). */
  returned: number;
}

export interface OrderTotals {
  subtotal: number;
  discount: number;
  shipping: number;
  /** The part of `tax` on the shipping charge (absent on orders placed before it existed). */
  shippingTax?: number;
  tax: number;
  total: number;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  phone?: string;
}

export interface StatusChange {
  status: OrderStatus;
  at: number;
  reason?: string;
}

export interface OrderPayment {
  authorizationId: string | null;
  /** Minor units captured (at shipping) and refunded (returns). */
  captured: number;
  refunded: number;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  cartId: string;
  lines: OrderLine[];
  totals: OrderTotals;
  shippingAddress: Address;
  shippingOption: { id: string; name: string; estimatedDays: number } | null;
  promotionCode: string | null;
  quoteId: string | null;
  rejection: { reason: RejectionReason; detail: string } | null;
  payment: OrderPayment;
  history: StatusChange[];
  /** The client's Idempotency-Key the order was placed with. */
  idempotencyKey: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * The state machine of API.md: pending → confirmed | rejected; confirmed → shipped |
 * cancelled; shipped → delivered; delivered → returned. Everything else is a 409.
 */
const MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'rejected'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['returned'],
  rejected: [],
  cancelled: [],
  returned: [],
};

export const FINAL_STATUSES: readonly OrderStatus[] = ['rejected', 'cancelled', 'returned'];

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return MOVES[from].includes(to);
}

/** The order in its new status, with the change in its history; illegal moves are 409. */
export function moveOrder(order: Order, to: OrderStatus, at: number, reason?: string): Order {
  if (!canMove(order.status, to))
    throw OrdersErrors.ILLEGAL_TRANSITION.create(
      `An order that is ${order.status} cannot become ${to}`,
      { details: { from: order.status, to } },
    );
  return {
    ...order,
    status: to,
    history: [...order.history, { status: to, at, ...(reason ? { reason } : {}) }],
    updatedAt: at,
  };
}

/**
 * An order as stored, in today's shape: lines stored before names were kept (ADR 0039)
 * read with `name` and `image` null. Stores call it on every order they read.
 */
export function withLineDefaults(order: Order): Order {
  if (order.lines.every((line) => line.name !== undefined && line.image !== undefined))
    return order;
  return {
    ...order,
    lines: order.lines.map((line) => ({
      ...line,
      name: line.name ?? null,
      image: line.image ?? null,
    })),
  };
}

export const ZERO_TOTALS: OrderTotals = { subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0 };
