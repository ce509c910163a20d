import { isAppError } from '@emporium/kit';
import type { Quote } from '@emporium/contracts';
import { moveOrder, type Order } from '../domain/order.ts';
import {
  AFTER,
  Rejection,
  pendingCancellation,
  pendingCompensations,
  type ForwardAction,
  type SagaState,
} from '../domain/saga.ts';
import type { OrdersDeps } from './deps.ts';
import { orderEvent } from './order-events.ts';
import type { CloudEvent } from '@emporium/kit';

/** One step's outcome: the order and saga to store, with the events of the change. */
export interface StepResult {
  order: Order;
  saga: SagaState;
  events: CloudEvent[];
}

type Deps = Pick<OrdersDeps, 'cart' | 'pricing' | 'inventory' | 'payments' | 'clock' | 'logger'>;

/** Runs one forward action; an upstream refusal comes back as a thrown Rejection or AppError. */
export async function forward(
  deps: Deps,
  action: ForwardAction,
  order: Order,
  saga: SagaState,
): Promise<StepResult> {
  const done = (next: Partial<SagaState>, changed: Order = order, events: CloudEvent[] = []) => ({
    order: changed,
    saga: { ...saga, ...next, step: AFTER[action] },
    events,
  });
  const { request } = saga;
  switch (action) {
    case 'quote': {
      const quote = await deps.pricing.quote({
        items: request.items,
        currency: request.currency,
        ...(request.promotionCode ? { promotionCode: request.promotionCode } : {}),
        customerId: order.userId,
        shippingOptionId: request.shippingOptionId,
        country: request.country,
      });
      const expected = request.expectedTotal;
      if (
        expected &&
        (expected.amount !== quote.total.amount || expected.currency !== quote.total.currency)
      )
        throw new Rejection(
          'price_changed',
          `The total is ${quote.total.amount} ${quote.total.currency}, not the expected ${expected.amount} ${expected.currency}`,
        );
      return done(
        { quoteId: quote.id },
        priced(order, quote, deps.clock.now(), request.products ?? []),
      );
    }
    case 'redeem': {
      if (!request.promotionCode) return done({});
      await deps.pricing.redeem(request.promotionCode, order.id, order.userId);
      return done({ redemption: 'taken' });
    }
    case 'reserve': {
      const held = await deps.inventory.reserve(order.id, request.items);
      return done({ reservation: { ...held, released: false } });
    }
    case 'authorize': {
      const result = await deps.payments.authorize({
        token: request.paymentToken,
        amount: order.totals.total,
        currency: order.currency,
        idempotencyKey: `${order.id}:authorize`,
      });
      if (result.outcome === 'declined')
        throw new Rejection('payment_declined', `The payment was declined (${result.reason})`);
      const changed = {
        ...order,
        payment: { ...order.payment, authorizationId: result.authorizationId },
      };
      return done({ authorization: { id: result.authorizationId, voided: false } }, changed);
    }
    case 'commit': {
      try {
        await deps.inventory.commit(saga.reservation!.id);
      } catch (error) {
        if (isAppError(error) && error.kind === 'conflict')
          throw new Rejection('reservation_expired', `The stock hold ended: ${error.message}`);
        throw error;
      }
      return done({});
    }
    case 'confirm': {
      const cartCleared = await clearCart(deps, saga.request.cartId);
      const confirmed = moveOrder(order, 'confirmed', deps.clock.now());
      return done({ cartCleared }, confirmed, [orderEvent(confirmed)]);
    }
  }
}

/** The quote's lines and totals on the order, each line with its product's name as bought. */
function priced(
  order: Order,
  quote: Quote,
  now: number,
  products: NonNullable<SagaState['request']['products']>,
): Order {
  const productOf = (sku: string) => products.find((product) => product.sku === sku);
  return {
    ...order,
    currency: quote.currency,
    quoteId: quote.id,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      name: productOf(line.sku)?.name ?? null,
      image: productOf(line.sku)?.image ?? null,
      quantity: line.quantity,
      unitPrice: line.unitPrice.amount,
      lineTotal: line.lineTotal.amount,
      discount: line.discount.amount,
      tax: line.tax?.amount ?? 0,
      returned: 0,
    })),
    totals: {
      subtotal: quote.subtotal.amount,
      discount: quote.discount.amount,
      shipping: quote.shipping.amount,
      shippingTax: quote.shippingTax?.amount ?? 0,
      tax: quote.tax.amount,
      total: quote.total.amount,
    },
    shippingOption: quote.shippingOption ?? null,
    updatedAt: now,
  };
}

/** The cart is emptied once the order is confirmed; a cart service that fails does not undo it. */
async function clearCart(deps: Deps, cartId: string): Promise<boolean> {
  try {
    await deps.cart.clear(cartId);
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, cartId }, 'the cart of a confirmed order could not be cleared');
    return false;
  }
}

/** Undoes the newest thing left to undo; with nothing left, the order is rejected. */
export async function compensate(deps: Deps, order: Order, saga: SagaState): Promise<StepResult> {
  const next = pendingCompensations(saga)[0];
  const same = (changes: Partial<SagaState>) => ({
    order,
    saga: { ...saga, ...changes },
    events: [],
  });
  switch (next) {
    case 'void_payment':
      await deps.payments.void(saga.authorization!.id, `${order.id}:void`);
      return same({ authorization: { ...saga.authorization!, voided: true } });
    case 'release_stock': {
      // A reserve that timed out may still have held stock: the same order id finds that hold.
      const held = saga.reservation ?? (await findHold(deps, order.id, saga.request.items));
      if (held) await deps.inventory.release(held.id);
      return same({
        reservation: held
          ? { ...held, released: true }
          : { id: '', allocations: [], released: true },
      });
    }
    case 'release_promotion':
      await deps.pricing.release(saga.request.promotionCode!, order.id);
      return same({ redemption: 'released' });
    default: {
      const failure = saga.failure!;
      const rejected = moveOrder(
        { ...order, rejection: { reason: failure.reason, detail: failure.detail } },
        'rejected',
        deps.clock.now(),
        failure.reason,
      );
      return {
        order: rejected,
        saga: { ...saga, step: 'rejected' },
        events: [orderEvent(rejected, failure.reason)],
      };
    }
  }
}

async function findHold(deps: Deps, orderId: string, items: SagaState['request']['items']) {
  try {
    return { ...(await deps.inventory.reserve(orderId, items)), released: false };
  } catch (error) {
    if (isAppError(error) && error.kind === 'conflict') return undefined;
    throw error;
  }
}

/** One step of undoing a cancelled order: an allocation back on hand, the payment, the promotion. */
export async function cancelStep(deps: Deps, order: Order, saga: SagaState): Promise<StepResult> {
  const next = pendingCancellation(saga)[0];
  const same = (changes: Partial<SagaState>) => ({
    order,
    saga: { ...saga, ...changes },
    events: [],
  });
  switch (next) {
    case 'restock': {
      const allocation = saga.reservation!.allocations[saga.restocked]!;
      await deps.inventory.restock(
        allocation.sku,
        allocation.quantity,
        allocation.location,
        `order ${order.id} cancelled`,
        // The allocation's index: stable in the stored saga, distinct per SKU and location.
        `${order.id}:cancel:${saga.restocked}`,
      );
      return same({ restocked: saga.restocked + 1 });
    }
    case 'void_payment':
      await deps.payments.void(saga.authorization!.id, `${order.id}:void`);
      return same({ authorization: { ...saga.authorization!, voided: true } });
    case 'release_promotion':
      await deps.pricing.release(saga.request.promotionCode!, order.id);
      return same({ redemption: 'released' });
    default:
      return { order, saga: { ...saga, step: 'cancelled' }, events: [] };
  }
}
