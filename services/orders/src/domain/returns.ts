import { OrdersErrors } from './errors.ts';
import type { Order } from './order.ts';

export type ReturnStatus = 'requested' | 'received' | 'refunded';

export interface ReturnLine {
  sku: string;
  quantity: number;
  /** What the units cost the customer: their share of line total, discount and tax. */
  refund: number;
}

export interface OrderReturn {
  id: string;
  orderId: string;
  userId: string;
  status: ReturnStatus;
  reason: string;
  lines: ReturnLine[];
  refund: number;
  currency: string;
  /** Progress of receiving: stock put back, money refunded (each done once). */
  restocked: boolean;
  refundId: string | null;
  history: { status: ReturnStatus; at: number }[];
  version: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * The units of each line still returnable: ordered minus returned minus what open returns
 * already claim.
 */
export function returnable(order: Order, open: readonly OrderReturn[]): Map<string, number> {
  const left = new Map(order.lines.map((line) => [line.sku, line.quantity - line.returned]));
  for (const ret of open)
    if (ret.status === 'requested')
      for (const line of ret.lines) left.set(line.sku, (left.get(line.sku) ?? 0) - line.quantity);
  return left;
}

/**
 * The refund of `quantity` units of a line: the line's paid amount (total minus discount
 * plus tax) in proportion, rounded down, so the refunds of a line never pass what was paid.
 */
export function refundOf(order: Order, sku: string, quantity: number): number {
  const line = order.lines.find((candidate) => candidate.sku === sku)!;
  const paid = line.lineTotal - line.discount + line.tax;
  return Math.floor((paid * quantity) / line.quantity);
}

/** Checks a return request against the order; refuses with ORDERS.INVALID_RETURN. */
export function returnLinesOf(
  order: Order,
  open: readonly OrderReturn[],
  requested: readonly { sku: string; quantity: number }[],
): ReturnLine[] {
  const left = returnable(order, open);
  const merged = new Map<string, number>();
  for (const { sku, quantity } of requested) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  if (merged.size === 0)
    throw OrdersErrors.INVALID_RETURN.create('A return names at least one line');
  return [...merged].map(([sku, quantity]) => {
    const available = left.get(sku);
    if (available === undefined)
      throw OrdersErrors.INVALID_RETURN.create(`${sku} is not in the order`, {
        details: { sku },
      });
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > available)
      throw OrdersErrors.INVALID_RETURN.create(
        `${quantity} of ${sku} cannot be returned: ${Math.max(available, 0)} can`,
        { details: { sku, returnable: Math.max(available, 0) } },
      );
    return { sku, quantity, refund: refundOf(order, sku, quantity) };
  });
}

/** True when every unit of every line has come back. */
export function fullyReturned(order: Order): boolean {
  return order.lines.every((line) => line.returned >= line.quantity);
}
