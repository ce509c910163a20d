import { OrdersErrors } from '../../domain/errors.ts';
import type { Order } from '../../domain/order.ts';
import type { OrderReturn } from '../../domain/returns.ts';
import type { OrdersDeps } from '../deps.ts';
import type { OrderPage } from '../ports/order-store.ts';

export interface Caller {
  userId: string;
  admin: boolean;
}

/** The order, to its owner or an admin; anyone else gets the 404 of an unknown order. */
export async function readOrder(
  deps: Pick<OrdersDeps, 'store'>,
  caller: Caller,
  id: string,
): Promise<{ order: Order; returns: OrderReturn[] }> {
  const found = await deps.store.get(id);
  if (!found || (!caller.admin && found.order.userId !== caller.userId))
    throw OrdersErrors.ORDER_NOT_FOUND.create(`No order ${id}`);
  return { order: found.order, returns: await deps.store.returnsOf(id) };
}

/** Own orders newest first; an admin sees everyone's, or one customer's with `userId`. */
export function listOrders(
  deps: Pick<OrdersDeps, 'store'>,
  caller: Caller,
  query: { userId?: string; limit: number; after?: string },
): Promise<OrderPage> {
  const userId = caller.admin ? query.userId : caller.userId;
  return deps.store.list({
    ...(userId === undefined ? {} : { userId }),
    limit: query.limit,
    ...(query.after === undefined ? {} : { after: query.after }),
  });
}

/** A return, to the owner of its order or an admin. */
export async function readReturn(
  deps: Pick<OrdersDeps, 'store'>,
  caller: Caller,
  id: string,
): Promise<OrderReturn> {
  const found = await deps.store.getReturn(id);
  if (!found || (!caller.admin && found.userId !== caller.userId))
    throw OrdersErrors.RETURN_NOT_FOUND.create(`No return ${id}`);
  return found;
}
