import type { CloudEvent } from '@emporium/kit';
import {
  ORDERS_SOURCE,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderDeliveredV1,
  OrderPlacedV1,
  OrderRejectedV1,
  OrderReturnedV1,
  OrderShippedV1,
  ReturnReceivedV1,
  ReturnRefundedV1,
  ReturnRequestedV1,
} from '@emporium/contracts';
import type { Order, OrderStatus } from '../domain/order.ts';
import type { OrderReturn, ReturnStatus } from '../domain/returns.ts';

const ORDER_CONTRACTS = {
  pending: OrderPlacedV1,
  confirmed: OrderConfirmedV1,
  rejected: OrderRejectedV1,
  cancelled: OrderCancelledV1,
  shipped: OrderShippedV1,
  delivered: OrderDeliveredV1,
  returned: OrderReturnedV1,
} as const satisfies Record<OrderStatus, unknown>;

const RETURN_CONTRACTS = {
  requested: ReturnRequestedV1,
  received: ReturnReceivedV1,
  refunded: ReturnRefundedV1,
} as const satisfies Record<ReturnStatus, unknown>;

/** The orders.order.* event of the order's current status (placed for pending). */
export function orderEvent(order: Order, reason?: string): CloudEvent {
  return ORDER_CONTRACTS[order.status].create({
    source: ORDERS_SOURCE,
    subject: order.id,
    partitionKey: order.id,
    time: order.updatedAt,
    data: {
      orderId: order.id,
      customerId: order.userId,
      status: order.status,
      items: order.lines.map(({ sku, quantity, name }) => ({
        sku,
        quantity,
        ...(name ? { name } : {}),
      })),
      total: { amount: order.totals.total, currency: order.currency },
      ...(reason ? { reason } : {}),
      at: new Date(order.updatedAt).toISOString(),
    },
  });
}

/** The orders.return.* event of the return's current status. */
export function returnEvent(ret: OrderReturn): CloudEvent {
  return RETURN_CONTRACTS[ret.status].create({
    source: ORDERS_SOURCE,
    subject: ret.id,
    partitionKey: ret.orderId,
    time: ret.updatedAt,
    data: {
      returnId: ret.id,
      orderId: ret.orderId,
      customerId: ret.userId,
      status: ret.status,
      items: ret.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      refund: { amount: ret.refund, currency: ret.currency },
      at: new Date(ret.updatedAt).toISOString(),
    },
  });
}
