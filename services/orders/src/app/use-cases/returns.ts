import { newId } from '@emporium/kit';
import { OrdersErrors } from '../../domain/errors.ts';
import { moveOrder, type Order } from '../../domain/order.ts';
import { fullyReturned, returnLinesOf, type OrderReturn } from '../../domain/returns.ts';
import type { OrdersDeps } from '../deps.ts';
import { orderEvent, returnEvent } from '../order-events.ts';
import { readOrder, type Caller } from './read-orders.ts';

/** The owner asks to return units of a delivered order: 201 with the return, requested. */
export async function requestReturn(
  deps: OrdersDeps,
  caller: Caller,
  orderId: string,
  body: { lines: { sku: string; quantity: number }[]; reason: string },
): Promise<OrderReturn> {
  const { order, returns } = await readOrder(deps, caller, orderId);
  if (order.status !== 'delivered')
    throw OrdersErrors.ILLEGAL_TRANSITION.create(
      `Only a delivered order can be returned; this one is ${order.status}`,
      { details: { current: order.status } },
    );
  const lines = returnLinesOf(order, returns, body.lines);
  const now = deps.clock.now();
  const ret: OrderReturn = {
    id: newId('ret', now),
    orderId,
    userId: order.userId,
    status: 'requested',
    reason: body.reason,
    lines,
    refund: lines.reduce((sum, line) => sum + line.refund, 0),
    currency: order.currency,
    restocked: false,
    refundId: null,
    history: [{ status: 'requested', at: now }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The order's version moves too: two returns racing for the same units cannot both pass.
  const saved = await deps.store.save({
    order: { ...order, version: order.version + 1, updatedAt: now },
    events: [returnEvent(ret)],
    returns: [ret],
  });
  if (!saved) throw OrdersErrors.VERSION_MISMATCH.create(`The order ${orderId} changed; try again`);
  return ret;
}

/**
 * Admin: the goods are back. The units go back on hand (an inventory adjustment at the
 * location they left from), the return is received, the refund goes through the payment
 * provider, the return is refunded; each step is stored, so calling again after a failure
 * goes on where it stopped. A fully returned order becomes returned.
 */
export async function receiveReturn(deps: OrdersDeps, id: string): Promise<OrderReturn> {
  let ret = await deps.store.getReturn(id);
  if (!ret) throw OrdersErrors.RETURN_NOT_FOUND.create(`No return ${id}`);
  if (ret.status === 'refunded')
    throw OrdersErrors.ILLEGAL_TRANSITION.create(`The return ${id} is already refunded`);
  if (!ret.restocked) {
    const { order, saga } = (await deps.store.get(ret.orderId))!;
    for (const line of ret.lines) {
      const location = saga.reservation?.allocations.find((a) => a.sku === line.sku)?.location;
      await deps.inventory.restock(
        line.sku,
        line.quantity,
        location,
        `return ${ret.id}`,
        `${ret.id}:receive:${line.sku}`,
      );
    }
    ret = transition(ret, 'received', deps.clock.now());
    await saveWith(deps, order, ret, (current) => ({
      ...current,
      lines: current.lines.map((l) => ({
        ...l,
        returned: l.returned + (ret!.lines.find((r) => r.sku === l.sku)?.quantity ?? 0),
      })),
    }));
  }
  const { order } = (await deps.store.get(ret.orderId))!;
  const refundId =
    order.payment.authorizationId && ret.refund > 0
      ? (await deps.payments.refund(order.payment.authorizationId, ret.refund, `${ret.id}:refund`))
          .refundId
      : null;
  const refunded = { ...transition(ret, 'refunded', deps.clock.now()), refundId };
  await saveWith(deps, order, refunded, (current) => ({
    ...current,
    payment: { ...current.payment, refunded: current.payment.refunded + refunded.refund },
  }));
  return refunded;
}

function transition(ret: OrderReturn, status: OrderReturn['status'], at: number): OrderReturn {
  return {
    ...ret,
    status,
    restocked: ret.restocked || status === 'received',
    history: [...ret.history, { status, at }],
    version: ret.version + 1,
    updatedAt: at,
  };
}

/** Stores the return with the order changed by `change`; a fully returned order moves on. */
async function saveWith(
  deps: OrdersDeps,
  order: Order,
  ret: OrderReturn,
  change: (order: Order) => Order,
): Promise<void> {
  let next = { ...change(order), updatedAt: ret.updatedAt };
  const events = [returnEvent(ret)];
  if (ret.status === 'received' && fullyReturned(next) && next.status === 'delivered') {
    next = moveOrder(next, 'returned', ret.updatedAt);
    events.push(orderEvent(next));
  }
  const saved = await deps.store.save({
    order: { ...next, version: order.version + 1 },
    events,
    returns: [ret],
  });
  if (!saved)
    throw OrdersErrors.VERSION_MISMATCH.create(`The order ${order.id} changed; try again`);
}
