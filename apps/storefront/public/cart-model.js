/**
 * The cart's pure rules in the storefront: what is kept in the browser, how a cart answer
 * (API.md, `GET /carts/{id}`) reads on the page, and what a failed cart call tells the
 * shopper. No DOM and no network here, so the unit tests load it as is.
 */

/** The one localStorage entry the cart uses: `{ id, token }` of the anonymous cart. */
export const CART_STORAGE_KEY = 'emporium.cart';

/** The API's bounds of one line's quantity. */
export const MAX_LINE_QUANTITY = 99;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_.~+/=-]{1,512}$/;

/** The stored cart reference, or null when none is stored or it is not one of ours. */
export function readStoredCart(storage) {
  let raw;
  try {
    raw = storage?.getItem(CART_STORAGE_KEY);
  } catch {
    return null; // storage switched off: the cart lasts for this page only
  }
  if (typeof raw !== 'string') return null;
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { id, token } = value;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return null;
  if (token !== undefined && (typeof token !== 'string' || !TOKEN_PATTERN.test(token))) return null;
  return token === undefined ? { id } : { id, token };
}

/** Keeps only the cart's id and token: nothing else about the cart or the shopper. */
export function writeStoredCart(storage, { id, token }) {
  try {
    storage?.setItem(CART_STORAGE_KEY, JSON.stringify(token ? { id, token } : { id }));
  } catch {
    // full or switched off: the cart still works until the page is left
  }
}

export function forgetStoredCart(storage) {
  try {
    storage?.removeItem(CART_STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}

/** Units in the cart (the header's count): every line's quantity. */
export function itemCount(cart) {
  if (!cart || !Array.isArray(cart.items)) return 0;
  return cart.items.reduce(
    (sum, line) =>
      sum + (Number.isInteger(line?.quantity) && line.quantity > 0 ? line.quantity : 0),
    0,
  );
}

function moneyOf(value) {
  return value && Number.isInteger(value.amount) && typeof value.currency === 'string'
    ? { amount: value.amount, currency: value.currency }
    : null;
}

/** `{ color: 'Cream', size: 'M' }` → `[['color', 'Cream'], ['size', 'M']]`, scalar values only. */
function optionsOf(options) {
  if (!options || typeof options !== 'object') return [];
  return Object.entries(options).filter(([, value]) =>
    ['string', 'number', 'boolean'].includes(typeof value),
  );
}

/**
 * One line as the cart page shows it: the quantity the shopper may pick (up to what is
 * available, within the API's bound) and a warning when the line cannot be bought as it is.
 */
export function lineView(line) {
  const quantity = Number.isInteger(line?.quantity) ? line.quantity : 0;
  const available = Number.isInteger(line?.available) ? line.available : null;
  const purchasable = line?.purchasable !== false;
  const maxQuantity = Math.max(
    quantity,
    Math.min(MAX_LINE_QUANTITY, available ?? MAX_LINE_QUANTITY),
    1,
  );
  let warning = null;
  if (!purchasable) warning = 'No longer sold: remove it to check out.';
  else if (available === 0) warning = 'Out of stock right now.';
  else if (available !== null && quantity > available)
    warning = `Only ${available} available: lower the quantity to check out.`;
  return {
    id: String(line?.id ?? ''),
    sku: String(line?.sku ?? ''),
    productId: typeof line?.productId === 'string' ? line.productId : null,
    name: typeof line?.name === 'string' && line.name ? line.name : String(line?.sku ?? ''),
    image: typeof line?.image === 'string' ? line.image : null,
    options: optionsOf(line?.options),
    quantity,
    unitPrice: moneyOf(line?.unitPrice),
    lineTotal: moneyOf(line?.lineTotal),
    available,
    maxQuantity,
    purchasable,
    stale: line?.stale === true,
    warning,
  };
}

/** The whole cart as the page shows it, with the notice to show when data may be old. */
export function cartView(cart) {
  const lines = Array.isArray(cart?.items) ? cart.items.map(lineView) : [];
  const degraded = cart?.degraded === true || lines.some((line) => line.stale);
  const unpriced = lines.some((line) => line.purchasable && !line.unitPrice);
  const notice = degraded
    ? 'Some details may be out of date: we could not check the latest prices or stock just now. Your total is confirmed at checkout.'
    : unpriced
      ? 'Some items have no price yet and are not in the total.'
      : null;
  const discount = moneyOf(cart?.discount);
  return {
    id: typeof cart?.id === 'string' ? cart.id : null,
    lines,
    count: itemCount(cart),
    subtotal: moneyOf(cart?.subtotal),
    discount: discount && discount.amount > 0 ? discount : null,
    total: moneyOf(cart?.total),
    promotionCode:
      typeof cart?.promotionCode === 'string' && cart.promotionCode ? cart.promotionCode : null,
    degraded,
    notice,
  };
}

/** A quantity typed by the shopper: an integer from 0 (remove) to `max`, or why not. */
export function parseQuantity(text, max = MAX_LINE_QUANTITY) {
  const trimmed = String(text ?? '').trim();
  if (!/^\d{1,4}$/.test(trimmed)) return { error: 'Enter a whole number.' };
  const quantity = Number(trimmed);
  if (quantity > max) return { error: `You can add up to ${max}.` };
  return { quantity };
}

/** `Retry-After` in seconds (a number or an HTTP date), or null. */
export function retryAfterSeconds(header, now = Date.now()) {
  if (header === null || header === undefined || header === '') return null;
  const text = String(header).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The code of a 404 about one line of a cart that still exists (another tab removed it). */
export const LINE_NOT_FOUND = 'CART.ITEM_NOT_FOUND';

/** Whether a failed call means the cart itself is gone (expired, or not ours): forget it. */
export function isCartGone(error) {
  return error?.status === 404 && error.code !== LINE_NOT_FOUND;
}

/**
 * What to tell the shopper when a cart call failed (`error` is an ApiError: `status`,
 * `code`, `message` = the problem's detail, and the problem's `available` and the
 * `Retry-After` when sent).
 */
export function cartErrorMessage(error) {
  const status = error?.status ?? 0;
  if (status === 409 && Number.isInteger(error.available))
    return error.available === 0
      ? 'Sorry, this is out of stock right now.'
      : `Only ${error.available} available: we could not add that many.`;
  if (status === 503 || status === 502 || status === 504) {
    const wait = Number.isInteger(error.retryAfter) ? error.retryAfter : null;
    return wait
      ? `We can’t confirm prices and stock right now. Please try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`
      : 'We can’t confirm prices and stock right now. Please try again in a moment.';
  }
  if (status === 404)
    return error.code === LINE_NOT_FOUND
      ? 'That item was no longer in your cart; here is the cart as it is now.'
      : 'Your cart has expired. Add the items again to start a new one.';
  if (status === 429) return 'Too many requests just now. Please wait a moment and try again.';
  if (status === 0) return error?.message || 'We could not reach the store.';
  return error?.message || `The cart answered ${status}.`;
}
