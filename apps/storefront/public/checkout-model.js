/** The pure rules of checkout and orders in the storefront (ADR 0035). */

// The address rules live in address-model.js (the address book uses them too).
export {
  ADDRESS_FIELDS,
  addressFromForm,
  addressSummary,
  validateAddress,
} from './address-model.js';

/**
 * A fresh Idempotency-Key for one checkout attempt: the same key is sent again only when the
 * same attempt is retried (a lost answer), never for a new attempt.
 */
export function newIdempotencyKey(crypto) {
  if (crypto?.randomUUID) return `chk-${crypto.randomUUID()}`;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `chk-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The body of POST /orders: the total the shopper saw is the total they agree to. */
export function orderRequest({ cartId, address, addressId, shippingOptionId, quote, cardToken }) {
  return {
    cartId,
    ...(addressId ? { addressId } : { shippingAddress: address }),
    shippingOptionId,
    expectedTotal: { amount: quote.total.amount, currency: quote.total.currency },
    payment: { token: cardToken.trim() },
  };
}

/** The quote asked for the page: the cart's lines, its promotion, the option and the country. */
export function quoteRequest(cart, { shippingOptionId, country }) {
  return {
    items: (cart?.items ?? []).map((line) => ({ sku: line.sku, quantity: line.quantity })),
    ...(cart?.currency ? { currency: cart.currency } : {}),
    ...(cart?.promotionCode ? { promotionCode: cart.promotionCode } : {}),
    ...(shippingOptionId ? { shippingOptionId } : {}),
    ...(country ? { country } : {}),
  };
}

const STATUS_LABELS = {
  pending: 'Processing',
  confirmed: 'Confirmed',
  rejected: 'Not placed',
  cancelled: 'Cancelled',
  shipped: 'Shipped',
  delivered: 'Delivered',
  returned: 'Returned',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status ?? '');
}

const REJECTIONS = {
  payment_declined: 'Your card was declined. Try another card; your cart is kept.',
  payment_unavailable:
    'We could not reach the payment provider. Nothing was charged; try again shortly.',
  out_of_stock: 'Some items are no longer in stock in the quantity you chose.',
  shipping_unavailable:
    'The shipping option is not available for this address. Choose another one.',
  price_changed:
    'The total changed since you reviewed it. Check the new total and place the order again.',
  promotion_unavailable: 'The promotion code can no longer be used.',
};

/** What an order that was not placed tells the shopper: its reason, in words. */
export function rejectionMessage(order) {
  const reason = order?.rejectionReason;
  if (!reason) return 'The order could not be placed.';
  return REJECTIONS[reason] ?? `The order could not be placed (${reason.replaceAll('_', ' ')}).`;
}

/** Only a confirmed order (not yet shipped) can be cancelled by the customer. */
export function canCancel(order) {
  return order?.status === 'confirmed';
}

/** The status history, oldest first, as the page lists it. */
export function historyOf(order) {
  return [...(order?.statusHistory ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** `2026-12-02T04:00:00Z` → "Dec 2, 2026, 4:00 AM" (en-US, the shopper's time zone). */
export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
