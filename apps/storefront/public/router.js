/* global window, URLSearchParams */
/** `#/search?q=hats` → `{ path: '/search', params }`; `#/p/prd_1` → `{ path: '/p/prd_1', … }`. */
export function currentRoute() {
  const hash = window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/';
  const [path, search = ''] = hash.split('?', 2);
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path: a malformed escape is simply "not found"
  }
  return { path: decoded, params: new URLSearchParams(search), hash: `#${hash}` };
}

export function searchHref(filters) {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'brand', 'price', 'sort']) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  if (params.get('sort') === 'relevance') params.delete('sort');
  const search = params.toString();
  return search ? `#/search?${search}` : '#/search';
}

export function productHref(id) {
  return `#/p/${encodeURIComponent(id)}`;
}

export function navigate(href) {
  if (window.location.hash === href) window.dispatchEvent(new window.HashChangeEvent('hashchange'));
  else window.location.hash = href;
}
