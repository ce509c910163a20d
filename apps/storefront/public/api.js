/* global fetch, URLSearchParams */
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

async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('We could not reach the store. Check your connection and try again.');
  }
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const detail = typeof body?.detail === 'string' && body.detail ? body.detail : null;
    throw new ApiError(detail ?? body?.title ?? `The server answered ${response.status}.`, {
      status: response.status,
      code: body?.code ?? '',
      title: body?.title ?? '',
    });
  }
  if (body === null) throw new ApiError('The server sent an answer we could not read.');
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

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
