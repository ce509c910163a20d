import { createHash } from 'node:crypto';
import { isAppError, newId } from '@emporium/kit';
import { OrdersErrors } from '../../domain/errors.ts';
import { ZERO_TOTALS, type Address, type Order } from '../../domain/order.ts';
import { newSaga, type SagaRequest } from '../../domain/saga.ts';
import type { OrdersDeps } from '../deps.ts';
import { orderEvent } from '../order-events.ts';
import type { CheckoutCart } from '../ports/cart-port.ts';
import type { IdempotencyRecord, StoredResponse } from '../ports/order-store.ts';
import type { SagaRunner } from '../saga-runner.ts';
import type { ShippingOptionsCache } from './shipping-options.ts';

export interface PlaceOrderBody {
  cartId: string;
  shippingAddress?: Address;
  addressId?: string;
  shippingOptionId: string;
  expectedTotal?: { amount: number; currency: string };
  payment: { token: string };
}

export interface PlaceOrderCommand {
  userId: string;
  idempotencyKey: string;
  body: PlaceOrderBody;
}

/** The answer of POST /orders, and whether it is the replay of an earlier one. */
export interface PlaceOrderAnswer extends StoredResponse {
  replayed: boolean;
}

const POLL_MS = 25;
/** Statuses a checkout saga ends in. */
const FINAL: ReadonlySet<string> = new Set(['confirmed', 'rejected']);

/**
 * POST /orders (ADR 0031): a key seen before replays its first answer (or 422 for another
 * body); otherwise the cart is read and checked, the order, its saga and the key are
 * stored in one transaction (the key is unique per customer, so of any number of
 * concurrent requests exactly one places the order), and the saga runs.
 */
export async function placeOrder(
  deps: OrdersDeps,
  runner: SagaRunner,
  shipping: ShippingOptionsCache,
  command: PlaceOrderCommand,
): Promise<PlaceOrderAnswer> {
  const { userId, idempotencyKey, body } = command;
  const requestHash = hashOf(body);
  const seen = await deps.store.idempotency(userId, idempotencyKey);
  if (seen) return replay(deps, seen, requestHash);

  let checked: CheckedInput;
  try {
    checked = await checkInput(deps, shipping, userId, body);
  } catch (error) {
    // A request with the same key may have placed the order meanwhile, and its saga
    // cleared the cart this one then failed to find: that order is the answer.
    const raced = await deps.store.idempotency(userId, idempotencyKey);
    if (raced) return replay(deps, raced, requestHash);
    throw error;
  }
  const { address, country, cart } = checked;

  const now = deps.clock.now();
  const order: Order = {
    id: newId('ord', now),
    userId,
    status: 'pending',
    currency: cart.currency,
    cartId: cart.id,
    lines: [],
    totals: ZERO_TOTALS,
    shippingAddress: { ...address, country },
    shippingOption: null,
    promotionCode: cart.promotionCode,
    quoteId: null,
    rejection: null,
    payment: { authorizationId: null, captured: 0, refunded: 0 },
    history: [{ status: 'pending', at: now }],
    idempotencyKey,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const saga = newSaga(
    {
      cartId: cart.id,
      items: cart.items.map(({ sku, quantity }) => ({ sku, quantity })),
      promotionCode: cart.promotionCode,
      currency: cart.currency,
      country,
      shippingOptionId: body.shippingOptionId,
      paymentToken: body.payment.token,
      expectedTotal: body.expectedTotal ?? null,
      products: productsOf(cart.items),
    },
    now,
  );
  const placed = await deps.store.place({
    order,
    saga,
    requestHash,
    lease: { owner: deps.saga.runnerId, until: now + deps.saga.leaseMs },
    events: [orderEvent(order)],
  });
  if (!placed.placed) return replay(deps, placed.record, requestHash);

  const ran = (await runner.run(order.id, { order, saga })) ?? order;
  const answer = { status: 201, body: deps.present(ran) };
  // A saga that finished has had its answer recorded by the runner, in its last steps.
  if (!FINAL.has(ran.status)) await deps.store.recordResponse(userId, idempotencyKey, answer);
  return { ...answer, replayed: false };
}

interface CheckedInput {
  address: Address;
  country: string;
  cart: CheckoutCart;
}

/** The address, the caller's non-empty cart and a shipping option that serves the country. */
async function checkInput(
  deps: OrdersDeps,
  shipping: ShippingOptionsCache,
  userId: string,
  body: PlaceOrderBody,
): Promise<CheckedInput> {
  const address = await shippingAddressOf(deps, userId, body);
  const country = address.country.toUpperCase();
  const cart = await deps.cart.get(body.cartId);
  if (!cart || cart.userId !== userId)
    throw OrdersErrors.CART_NOT_FOUND.create(`No cart ${body.cartId} of yours`);
  if (cart.items.length === 0)
    throw OrdersErrors.CART_EMPTY.create(`The cart ${cart.id} has nothing to order`);
  await checkShipping(shipping, country, cart.currency, body.shippingOptionId);
  return { address, country, cart };
}

/** The name and image of each cart line, as the order keeps them (ADR 0039). */
function productsOf(items: CheckoutCart['items']): NonNullable<SagaRequest['products']> {
  return items.flatMap(({ sku, name, image }) =>
    name ? [{ sku, name, image: image ?? null }] : [],
  );
}

/**
 * The address to ship to: the one sent, or a copy of the caller's address-book entry
 * `addressId` (read from accounts; another user's id is not found, and nothing is stored).
 */
async function shippingAddressOf(
  deps: OrdersDeps,
  userId: string,
  body: PlaceOrderBody,
): Promise<Address> {
  if (body.shippingAddress && body.addressId)
    throw OrdersErrors.ADDRESS_AMBIGUOUS.create(
      'The order names both a shippingAddress and an addressId; send one of them',
    );
  if (body.shippingAddress) return body.shippingAddress;
  if (!body.addressId)
    throw OrdersErrors.ADDRESS_REQUIRED.create(
      'An order needs a shippingAddress or the addressId of one in your address book',
    );
  const found = await deps.addresses.find(userId, body.addressId);
  if (!found)
    throw OrdersErrors.ADDRESS_NOT_FOUND.create(
      `No address ${body.addressId} in your address book`,
    );
  return found;
}

/** The same key again: the first answer for the same body (waiting for it while it runs). */
async function replay(
  deps: OrdersDeps,
  record: IdempotencyRecord,
  requestHash: string,
): Promise<PlaceOrderAnswer> {
  if (record.requestHash !== requestHash)
    throw OrdersErrors.IDEMPOTENCY_KEY_REUSED.create(
      `The Idempotency-Key ${record.key} was first used with another body`,
    );
  const rounds = Math.ceil(deps.idempotencyWaitMs / POLL_MS);
  let current: IdempotencyRecord | undefined = record;
  for (let round = 0; round <= rounds; round += 1) {
    if (current?.response) return { ...current.response, replayed: true };
    if (round < rounds) await deps.clock.sleep(POLL_MS);
    current = await deps.store.idempotency(record.userId, record.key);
  }
  throw OrdersErrors.IDEMPOTENCY_IN_PROGRESS.create(
    `The order ${record.orderId} of this Idempotency-Key is still being placed`,
    { details: { orderId: record.orderId } },
  );
}

async function checkShipping(
  shipping: ShippingOptionsCache,
  country: string,
  currency: string,
  optionId: string,
): Promise<void> {
  let options;
  try {
    options = await shipping.list(country, currency);
  } catch (error) {
    if (isAppError(error) && error.code === 'PRICING.COUNTRY_UNSUPPORTED')
      throw OrdersErrors.COUNTRY_UNSUPPORTED.create(`Nothing is shipped to ${country}`, {
        details: { country },
      });
    throw error;
  }
  if (!options.items.some((option) => option.id === optionId))
    throw OrdersErrors.SHIPPING_UNKNOWN.create(
      `No shipping option ${optionId} to ${country} (there are: ${options.items.map((o) => o.id).join(', ') || 'none'})`,
      { details: { shippingOptionId: optionId, country } },
    );
}

/** SHA-256 of the body's canonical JSON (keys sorted), so key order does not matter. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
