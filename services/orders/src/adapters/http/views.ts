import type { Order } from '../../domain/order.ts';
import type { OrderReturn } from '../../domain/returns.ts';

const iso = (at: number) => new Date(at).toISOString();

/** An order as the API shows it: Money objects, ISO instants, the status history. */
export function orderView(order: Order, returns?: readonly OrderReturn[]) {
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    currency: order.currency,
    cartId: order.cartId,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      image: line.image,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      lineTotal: money(line.lineTotal),
      discount: money(line.discount),
      tax: money(line.tax),
      returnedQuantity: line.returned,
    })),
    subtotal: money(order.totals.subtotal),
    discount: money(order.totals.discount),
    shipping: money(order.totals.shipping),
    shippingTax: money(order.totals.shippingTax ?? 0),
    tax: money(order.totals.tax),
    total: money(order.totals.total),
    shippingAddress: order.shippingAddress,
    shippingOption: order.shippingOption,
    ...(order.promotionCode ? { promotionCode: order.promotionCode } : {}),
    ...(order.rejection
      ? { rejectionReason: order.rejection.reason, rejectionDetail: order.rejection.detail }
      : {}),
    statusHistory: order.history.map((change) => ({
      status: change.status,
      at: iso(change.at),
      ...(change.reason ? { reason: change.reason } : {}),
    })),
    ...(returns ? { returns: returns.map(returnView) } : {}),
    version: order.version,
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

export function returnView(ret: OrderReturn) {
  const money = (amount: number) => ({ amount, currency: ret.currency });
  return {
    id: ret.id,
    orderId: ret.orderId,
    status: ret.status,
    reason: ret.reason,
    lines: ret.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      refund: money(line.refund),
    })),
    refund: money(ret.refund),
    statusHistory: ret.history.map((change) => ({ status: change.status, at: iso(change.at) })),
    createdAt: iso(ret.createdAt),
    updatedAt: iso(ret.updatedAt),
  };
}
