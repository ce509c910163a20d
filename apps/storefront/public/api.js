/* global fetch, URLSearchParams */
import { retryAfterSeconds } from './cart-model.js';
import { CSRF_HEADER } from './session-model.js';

/** A failed API call; `message` is the problem+json `detail` when the server sent one. */
export class ApiError extends Error {
  constructor(message, { status = 0, code = '', title = '' } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
  }
}

export function isAbort(error) {
  return error instanceof Error && error.name === 'AbortError';
}

/** Where the access token comes from (session.js): in memory only, never in storage. */
let auth = { token: () => null, renew: async () => false };

export function setAuth(provider) {
  auth = provider;
}

async function send(path, { method, body, headers, signal, credentials }) {
  try {
    return await fetch(path, {
      method,
      signal,
      credentials,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('We could not reach the store. Check your connection and try again.');
  }
}

/**
 * One API call. A signed-in page sends its access token; a 401 renews it through the
 * session cookie once and retries once. `session: true` calls /api/session itself: no
 * bearer token, the CSRF header, the cookie.
 */
async function request(path, { method = 'GET', body, headers = {}, signal, session = false } = {}) {
  let response;
  if (session) {
    response = await send(path, {
      method,
      body,
      signal,
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: '1', ...headers },
    });
  } else {
    const withToken = () => {
      const token = auth.token();
      return token ? { authorization: `Bearer ${token}`, ...headers } : headers;
    };
    const sentToken = auth.token() !== null;
    response = await send(path, { method, body, signal, headers: withToken() });
    if (response.status === 401 && sentToken && (await auth.renew()))
      response = await send(path, { method, body, signal, headers: withToken() });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const detail = typeof payload?.detail === 'string' && payload.detail ? payload.detail : null;
    const error = new ApiError(
      detail ?? payload?.title ?? `The server answered ${response.status}.`,
      {
        status: response.status,
        code: payload?.code ?? '',
        title: payload?.title ?? '',
      },
    );
    // A 409 on a cart line names what can be had; a 503 says when to come back.
    // A validation refusal names its fields (`errors: [{ field, message }]`).
    if (Array.isArray(payload?.errors)) error.fields = payload.errors;
    const available = payload?.available ?? payload?.availableQuantity;
    if (Number.isInteger(available)) error.available = available;
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    if (retryAfter !== null) error.retryAfter = retryAfter;
    throw error;
  }
  if (payload === null) throw new ApiError('The server sent an answer we could not read.');
  return payload;
}

function getJson(path, options) {
  return request(path, options);
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

/** The gateway's browser session (ADR 0032): the refresh token stays in its HttpOnly cookie. */
export const sessionApi = {
  signIn: (credentials) =>
    request('/api/session', { method: 'POST', body: credentials, session: true }),
  register: (account) =>
    request('/api/session/register', { method: 'POST', body: account, session: true }),
  refresh: () => request('/api/session/refresh', { method: 'POST', session: true }),
  signOut: () => request('/api/session', { method: 'DELETE', session: true }),
};

/** The signed-in customer's address book (`/api/accounts/me/addresses`). */
export const accountApi = {
  addresses: (options) => getJson('/api/accounts/me/addresses', options),
  addAddress: (address, options) =>
    request('/api/accounts/me/addresses', { method: 'POST', body: address, ...options }),
  /** A partial change; `version` goes as If-Match, so a change made elsewhere is a 412. */
  updateAddress: (id, patch, version, options) =>
    request(`/api/accounts/me/addresses/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: patch,
      headers: { 'If-Match': `"${version}"` },
      ...options,
    }),
  removeAddress: (id, version, options) =>
    request(`/api/accounts/me/addresses/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { 'If-Match': `"${version}"` },
      ...options,
    }),
};

/** Checkout and orders (API.md, Orders). */
export const ordersApi = {
  shippingOptions: (country, options) =>
    getJson(`/api/shipping-options?${query({ country })}`, options),
  /** `{ items, currency?, promotionCode?, shippingOptionId?, country? }` → the quote. */
  quote: (body, options) => request('/api/quotes', { method: 'POST', body, ...options }),
  place: (body, idempotencyKey, options) =>
    request('/api/orders', {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
      ...options,
    }),
  list: (params, options) => getJson(`/api/orders?${query(params ?? {})}`, options),
  get: (id, options) => getJson(`/api/orders/${encodeURIComponent(id)}`, options),
  cancel: (id, options) =>
    request(`/api/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', ...options }),
  /** `{ lines:[{ sku, quantity }], reason }` → 201 the return, `requested`. */
  requestReturn: (id, body, options) =>
    request(`/api/orders/${encodeURIComponent(id)}/returns`, { method: 'POST', body, ...options }),
};

export const api = {
  search: (params, options) => getJson(`/api/search?${query(params)}`, options),
  suggest: (q, options) => getJson(`/api/search/suggest?${query({ q, limit: 8 })}`, options),
  product: (id, options) => getJson(`/api/products/${encodeURIComponent(id)}`, options),
  /** `{ items:[{ sku, amount, currency, compareAtAmount?, lowest30Days, tiers? }] }`, up to 100 SKUs. */
  prices: (skus, currency, options) =>
    getJson(`/api/prices?${query({ skus: skus.join(','), currency })}`, options),
  price: (sku, currency, options) =>
    getJson(`/api/prices/${encodeURIComponent(sku)}?${query({ currency })}`, options),
  /** `{ items:[{ sku, onHand, reserved, available, ... }] }`, up to 100 SKUs. */
  stock: (skus, options) => getJson(`/api/inventory?${query({ skus: skus.join(',') })}`, options),
  async categories(options) {
    const items = [];
    let cursor;
    for (let page = 0; page < 20; page += 1) {
      const body = await getJson(`/api/categories?${query({ limit: 100, cursor })}`, options);
      items.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return items;
  },
};

/** The anonymous cart's token travels in this header (API.md, Cart). */
const CART_TOKEN_HEADER = 'X-Cart-Token';

function cartPath(ref, rest = '') {
  return `/api/carts/${encodeURIComponent(ref.id)}${rest}`;
}

function cartHeaders(ref) {
  return ref.token ? { [CART_TOKEN_HEADER]: ref.token } : {};
}

/** The cart routes: every call but `create` names the cart `{ id, token? }` it is about. */
export const cartApi = {
  /** → `{ id, token? }` */
  create: (options) => request('/api/carts', { method: 'POST', ...options }),
  get: (ref, options) => request(cartPath(ref), { headers: cartHeaders(ref), ...options }),
  addItem: (ref, item, options) =>
    request(cartPath(ref, '/items'), {
      method: 'POST',
      body: item,
      headers: cartHeaders(ref),
      ...options,
    }),
  setQuantity: (ref, itemId, quantity, options) =>
    request(cartPath(ref, `/items/${encodeURIComponent(itemId)}`), {
      method: 'PATCH',
      body: { quantity },
      headers: cartHeaders(ref),
      ...options,
    }),
  removeItem: (ref, itemId, options) =>
    request(cartPath(ref, `/items/${encodeURIComponent(itemId)}`), {
      method: 'DELETE',
      headers: cartHeaders(ref),
      ...options,
    }),
  applyPromotion: (ref, code, options) =>
    request(cartPath(ref, '/promotion'), {
      method: 'POST',
      body: { code },
      headers: cartHeaders(ref),
      ...options,
    }),
  /** Merges the anonymous cart `source` (its token) into the signed-in customer's cart `ref`. */
  merge: (ref, source, options) =>
    request(cartPath(ref, '/merge'), {
      method: 'POST',
      body: { sourceCartId: source.id },
      headers: cartHeaders(source),
      ...options,
    }),
  removePromotion: (ref, options) =>
    request(cartPath(ref, '/promotion'), {
      method: 'DELETE',
      headers: cartHeaders(ref),
      ...options,
    }),
};
