import { Type } from 'typebox';
import { defineEvent } from './define-event.ts';
import { MoneyPayload } from './money.ts';

/** Topics of orders: orders keyed by order id, returns keyed by their order id too. */
export const OrdersTopics = {
  order: 'orders.order',
  return: 'orders.return',
} as const;

export const OrdersEventTypes = {
  placed: 'orders.order.placed',
  confirmed: 'orders.order.confirmed',
  rejected: 'orders.order.rejected',
  cancelled: 'orders.order.cancelled',
  shipped: 'orders.order.shipped',
  delivered: 'orders.order.delivered',
  returned: 'orders.order.returned',
  returnRequested: 'orders.return.requested',
  returnReceived: 'orders.return.received',
  returnRefunded: 'orders.return.refunded',
} as const;

export const ORDERS_SOURCE = 'emporium/orders';

const Timestamp = Type.String({ format: 'date-time' });
const Line = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  quantity: Type.Integer({ minimum: 1 }),
  /** The product's name as bought, for messages about the order; absent on older orders. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});

/**
 * An order at one moment of its life: who placed it, what it holds and what it costs.
 * Every orders.order.* event carries it; `reason` is set on a rejection or cancellation.
 */
const OrderFact = Type.Object({
  orderId: Type.String({ minLength: 1, maxLength: 64 }),
  customerId: Type.String({ minLength: 1, maxLength: 64 }),
  status: Type.String(),
  items: Type.Array(Line),
  total: MoneyPayload,
  reason: Type.Optional(Type.String()),
  at: Timestamp,
});

const orderEvent = <const T extends string>(type: T) =>
  defineEvent({ type, version: 1, schema: OrderFact });

/** A customer placed an order: the saga starts (status pending). */
export const OrderPlacedV1 = orderEvent(OrdersEventTypes.placed);
/** The saga finished: stock committed, payment authorized. */
export const OrderConfirmedV1 = orderEvent(OrdersEventTypes.confirmed);
/** The saga was undone; `reason` says why (out_of_stock, payment_declined, ...). */
export const OrderRejectedV1 = orderEvent(OrdersEventTypes.rejected);
export const OrderCancelledV1 = orderEvent(OrdersEventTypes.cancelled);
export const OrderShippedV1 = orderEvent(OrdersEventTypes.shipped);
export const OrderDeliveredV1 = orderEvent(OrdersEventTypes.delivered);
/** Every unit of the order came back. */
export const OrderReturnedV1 = orderEvent(OrdersEventTypes.returned);

const ReturnFact = Type.Object({
  returnId: Type.String({ minLength: 1, maxLength: 64 }),
  orderId: Type.String({ minLength: 1, maxLength: 64 }),
  customerId: Type.String({ minLength: 1, maxLength: 64 }),
  status: Type.Union([
    Type.Literal('requested'),
    Type.Literal('received'),
    Type.Literal('refunded'),
  ]),
  items: Type.Array(Line),
  refund: MoneyPayload,
  at: Timestamp,
});

const returnEvent = <const T extends string>(type: T) =>
  defineEvent({ type, version: 1, schema: ReturnFact });

export const ReturnRequestedV1 = returnEvent(OrdersEventTypes.returnRequested);
/** The goods arrived back and are on hand again. */
export const ReturnReceivedV1 = returnEvent(OrdersEventTypes.returnReceived);
export const ReturnRefundedV1 = returnEvent(OrdersEventTypes.returnRefunded);

export const ORDER_EVENTS = [
  OrderPlacedV1,
  OrderConfirmedV1,
  OrderRejectedV1,
  OrderCancelledV1,
  OrderShippedV1,
  OrderDeliveredV1,
  OrderReturnedV1,
] as const;
export const RETURN_EVENTS = [ReturnRequestedV1, ReturnReceivedV1, ReturnRefundedV1] as const;
