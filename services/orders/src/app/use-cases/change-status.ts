import { OrdersErrors } from '../../domain/errors.ts';
import { moveOrder, type Order } from '../../domain/order.ts';
import type { OrdersDeps } from '../deps.ts';
import { orderEvent } from '../order-events.ts';
import type { SagaRunner } from '../saga-runner.ts';
import { readOrder, type Caller } from './read-orders.ts';

/**
 * Cancellation by the owner (or an admin) of a confirmed order: the order is cancelled at
 * once and its saga turns to cancelling, which puts the stock back on hand, lets the
 * payment authorization go and gives the promotion's use back, each step stored (a crash
 * resumes it). Any other status answers 409.
 */
export async function cancelOrder(
  deps: OrdersDeps,
  runner: SagaRunner,
  caller: Caller,
  id: string,
): Promise<Order> {
  const { order } = await readOrder(deps, caller, id);
  const found = (await deps.store.get(id))!;
  const cancelled = moveOrder(order, 'cancelled', deps.clock.now(), 'customer_request');
  const saved = await deps.store.save({
    order: { ...cancelled, version: order.version + 1 },
    saga: { ...found.saga, step: 'cancelling' },
    events: [orderEvent(cancelled, 'customer_request')],
  });
  if (!saved) throw OrdersErrors.VERSION_MISMATCH.create(`The order ${id} changed; try again`);
  return (await runner.run(id)) ?? cancelled;
}

/**
 * Admin: confirmed → shipped (the payment is captured first: nothing changes if that
 * fails) and shipped → delivered. Other moves are 409 ORDERS.ILLEGAL_TRANSITION.
 */
export async function advanceOrder(
  deps: OrdersDeps,
  id: string,
  to: 'shipped' | 'delivered',
): Promise<Order> {
  const found = await deps.store.get(id);
  if (!found) throw OrdersErrors.ORDER_NOT_FOUND.create(`No order ${id}`);
  let moved = moveOrder(found.order, to, deps.clock.now());
  if (to === 'shipped' && moved.payment.authorizationId) {
    await deps.payments.capture(
      moved.payment.authorizationId,
      moved.totals.total,
      `${moved.id}:capture`,
    );
    moved = { ...moved, payment: { ...moved.payment, captured: moved.totals.total } };
  }
  const next = { ...moved, version: found.order.version + 1 };
  if (!(await deps.store.save({ order: next, events: [orderEvent(next)] })))
    throw OrdersErrors.VERSION_MISMATCH.create(`The order ${id} changed; try again`);
  return next;
}
