/* global window, document */
import { api, isAbort } from './api.js';
import { categories } from './categories.js';
import { emptyState, errorState, productCard, skeletonCards } from './components.js';
import { h, icon, replace } from './dom.js';
import { plural, priceRangeLabel } from './format.js';
import { navigate, searchHref } from './router.js';

const PAGE_SIZE = 24;
const BRANDS_SHOWN = 8;
const CACHE_MS = 5 * 60_000;
const SORTS = [
  ['relevance', 'Best match'],
  ['newest', 'Newest'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
];

/** Results already shown, by URL, so "back" from a product restores the list and its scroll. */
const cache = new Map();
let layout = null;

export function readFilters(params) {
  const sort = params.get('sort');
  const price = params.get('price') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    category: params.get('category') ?? '',
    brand: params.get('brand') ?? '',
    price: /^\d+-\d*$/.test(price) ? price : '',
    sort: SORTS.some(([value]) => value === sort) ? sort : 'relevance',
  };
}

function apiParams(filters, cursor) {
  const [from, to] = filters.price.split('-');
  return {
    q: filters.q,
    category: categories.find(filters.category)?.id ?? filters.category,
    brand: filters.brand,
    minPrice: from && from !== '0' ? from : undefined,
    // buckets are [from, to): the API's maxPrice is inclusive
    maxPrice: to ? Math.max(0, Number(to) - 1) : undefined,
    sort: filters.sort,
    limit: PAGE_SIZE,
    cursor,
  };
}

export function rememberScroll(hash) {
  const entry = cache.get(hash);
  if (entry) entry.scrollY = window.scrollY;
}

export async function renderSearch(ctx) {
  const filters = readFilters(ctx.params);
  await categories.settle();
  const category = categories.find(filters.category);
  ctx.setTitle(
    filters.q ? `“${filters.q}”` : (category?.name ?? (filters.brand || 'All products')),
  );

  if (!ctx.refine || !layout || !ctx.main.contains(layout.root)) layout = buildLayout(ctx.main);
  fillHeader(filters, category);
  if (!ctx.refine) ctx.focusHeading(layout.title);

  const cached = cache.get(ctx.hash);
  if (cached && Date.now() - cached.at < CACHE_MS) {
    fillResults(ctx, filters, cached, { restoreScroll: cached.scrollY });
    return;
  }

  layout.results.setAttribute('aria-busy', 'true');
  if (ctx.refine && layout.grid.isConnected) layout.results.classList.add('is-updating');
  else showSkeleton();

  try {
    const [page, widened] = await Promise.all([
      api.search(apiParams(filters), { signal: ctx.signal }),
      widenedFacets(filters, ctx.signal),
    ]);
    const entry = {
      ...page,
      items: [...page.items],
      facets: { ...page.facets, ...widened },
      at: Date.now(),
      scrollY: 0,
    };
    cache.set(ctx.hash, entry);
    while (cache.size > 12) cache.delete(cache.keys().next().value);
    fillResults(ctx, filters, entry, {});
    ctx.announce(
      entry.total === 0 ? 'No products found' : `${plural(entry.total, 'product')} found`,
    );
  } catch (error) {
    if (isAbort(error)) return;
    layout.results.removeAttribute('aria-busy');
    layout.results.classList.remove('is-updating');
    replace(layout.facets, facetsUnavailable());
    replace(layout.count, '');
    replace(layout.chips);
    replace(
      layout.body,
      errorState({
        title: 'We couldn’t load these products',
        error,
        // a 4xx will answer the same again: offer a way out instead
        onRetry: error.status >= 400 && error.status < 500 ? null : () => navigate(ctx.hash),
        links: [
          ['Start over', '#/search'],
          ['Back to home', '#/'],
        ],
      }),
    );
  }
}

/**
 * Each active filter's own facet is counted without that filter (the other filters still
 * apply), so a shopper can switch from one brand or price range to another in one click.
 */
async function widenedFacets(filters, signal) {
  const keys = ['category', 'brand', 'price'].filter((key) => filters[key]);
  const groups = await Promise.all(
    keys.map((key) =>
      api
        .search({ ...apiParams({ ...filters, [key]: '' }), limit: 1 }, { signal })
        .then((page) => [key, page.facets?.[key]])
        .catch((error) => {
          if (isAbort(error)) throw error;
          return [key, undefined]; // keep the narrower facet of the main answer
        }),
    ),
  );
  return Object.fromEntries(groups.filter(([, facet]) => Array.isArray(facet)));
}

function buildLayout(main) {
  const title = h('h1', { class: 'page-title', id: 'results-title', tabindex: '-1' });
  const crumbs = h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' });
  const count = h('p', { class: 'results-count' });
  const sort = h('select', { id: 'sort-select', class: 'select', dataset: { key: 'sort' } });
  const chips = h('div', { class: 'chips' });
  const body = h('div', { class: 'results-body' });
  const facets = h('div', { class: 'facets-body' });
  const panel = h(
    'details',
    { class: 'filters', open: window.matchMedia('(min-width: 900px)').matches },
    h('summary', { class: 'filters-summary' }, 'Filters', icon('chevronDown', { size: 18 })),
    facets,
  );
  const results = h(
    'section',
    { class: 'results', 'aria-labelledby': 'results-title' },
    crumbs,
    h(
      'div',
      { class: 'results-head' },
      h('div', { class: 'results-heading' }, title, count),
      h('div', { class: 'sort' }, h('label', { for: 'sort-select' }, 'Sort by'), sort),
    ),
    chips,
    body,
  );
  const root = h(
    'div',
    { class: 'search-layout' },
    h('aside', { class: 'sidebar', 'aria-label': 'Filters' }, panel),
    results,
  );
  replace(main, root);
  return { root, title, crumbs, count, sort, chips, body, facets, results, panel, grid: h('ul') };
}

function fillHeader(filters, category) {
  const path = category ? categories.path(category.id) : [];
  replace(
    layout.crumbs,
    filters.q || path.length < 1
      ? null
      : h(
          'ol',
          {},
          h('li', {}, h('a', { href: '#/' }, 'Home')),
          path
            .slice(0, -1)
            .map((item) =>
              h('li', {}, h('a', { href: searchHref({ category: item.slug }) }, item.name)),
            ),
        ),
  );
  replace(
    layout.title,
    filters.q
      ? `Results for “${filters.q}”`
      : (category?.name ?? (filters.brand || 'All products')),
  );
  replace(
    layout.sort,
    SORTS.map(([value, label]) => h('option', { value, selected: value === filters.sort }, label)),
  );
  layout.sort.value = filters.sort;
  layout.sort.onchange = () => navigate(searchHref({ ...filters, sort: layout.sort.value }));
}

function showSkeleton() {
  replace(layout.count, h('span', { class: 'line line-inline shimmer' }));
  replace(layout.chips);
  replace(layout.facets, facetSkeleton());
  layout.grid = h('ul', { class: 'grid', 'aria-hidden': 'true' }, skeletonCards(8));
  replace(layout.body, layout.grid);
}

function fillResults(ctx, filters, page, { restoreScroll }) {
  layout.results.removeAttribute('aria-busy');
  layout.results.classList.remove('is-updating');
  replace(layout.count, page.total === 0 ? '' : plural(page.total, 'product'));
  replace(layout.facets, facets(filters, page.facets));
  replace(layout.chips, activeChips(filters));
  layout.panel
    .querySelector('.filters-summary')
    .replaceChildren(
      activeCount(filters) ? `Filters (${activeCount(filters)})` : 'Filters',
      icon('chevronDown', { size: 18 }),
    );

  if (page.items.length === 0) {
    layout.grid = h('ul');
    replace(layout.body, noResults(filters));
  } else {
    layout.grid = h('ul', { class: 'grid', 'aria-label': 'Products' }, page.items.map(productCard));
    const more = h('div', { class: 'load-more' });
    replace(layout.body, layout.grid, more);
    fillLoadMore(ctx, filters, page, more);
  }
  if (restoreScroll) window.requestAnimationFrame(() => window.scrollTo(0, restoreScroll));
  ctx.restoreFocus();
}

function fillLoadMore(ctx, filters, page, more) {
  const shown = page.items.length;
  const progress = h(
    'p',
    { class: 'load-more-text' },
    `Showing ${shown.toLocaleString('en-US')} of ${plural(page.total, 'product')}`,
  );
  const bar = h(
    'div',
    { class: 'load-more-bar', 'aria-hidden': 'true' },
    h('span', {
      style: { width: `${Math.min(100, (shown / Math.max(1, page.total)) * 100).toFixed(1)}%` },
    }),
  );
  if (!page.nextCursor) {
    replace(more, progress, bar);
    return;
  }
  const button = h(
    'button',
    { type: 'button', class: 'button button-secondary', dataset: { key: 'more' } },
    'Load more',
  );
  const status = h('p', { class: 'load-more-error', role: 'alert' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.classList.add('is-loading');
    replace(status);
    try {
      const next = await api.search(apiParams(filters, page.nextCursor), { signal: ctx.signal });
      page.items.push(...next.items);
      page.nextCursor = next.nextCursor;
      page.total = next.total;
      const cards = next.items.map(productCard);
      layout.grid.append(...cards);
      fillLoadMore(ctx, filters, page, more);
      // Keyboard users continue where the new products start.
      if (document.activeElement === document.body || !document.activeElement?.isConnected)
        cards[0]?.querySelector('a')?.focus({ preventScroll: true });
      ctx.announce(`Loaded ${plural(next.items.length, 'more product')}`);
    } catch (error) {
      if (isAbort(error)) return;
      button.disabled = false;
      button.classList.remove('is-loading');
      replace(status, error.message);
    }
  });
  replace(more, progress, bar, button, status);
}

function activeCount(filters) {
  return [filters.category, filters.brand, filters.price].filter(Boolean).length;
}

function activeChips(filters) {
  const chips = [];
  const category = categories.find(filters.category);
  if (filters.category)
    chips.push(
      chip(
        'Category',
        category?.name ?? filters.category,
        { ...filters, category: '' },
        'chip:category',
      ),
    );
  if (filters.brand)
    chips.push(chip('Brand', filters.brand, { ...filters, brand: '' }, 'chip:brand'));
  if (filters.price) {
    const [from, to] = filters.price.split('-');
    chips.push(
      chip(
        'Price',
        priceRangeLabel(Number(from), to ? Number(to) : null),
        { ...filters, price: '' },
        'chip:price',
      ),
    );
  }
  if (chips.length > 1)
    chips.push(
      h(
        'a',
        { class: 'chip-clear', href: searchHref({ q: filters.q, sort: filters.sort }) },
        'Clear all',
      ),
    );
  return chips;
}

function chip(kind, label, without, key) {
  return h(
    'button',
    {
      type: 'button',
      class: 'chip',
      dataset: { key },
      'aria-label': `Remove filter ${kind}: ${label}`,
      onclick: () => navigate(searchHref(without)),
    },
    h('span', { class: 'chip-kind' }, `${kind}:`),
    h('span', {}, label),
    icon('close', { size: 14 }),
  );
}

function facets(filters, data) {
  const groups = [
    categoryFacet(filters, data?.category ?? []),
    brandFacet(filters, data?.brand ?? []),
    priceFacet(filters, data?.price ?? []),
  ].filter(Boolean);
  return groups;
}

function facetGroup(id, title, rows, extra) {
  return h(
    'section',
    { class: 'facet', 'aria-labelledby': `facet-${id}` },
    h('h2', { class: 'facet-title', id: `facet-${id}` }, title),
    h('ul', { class: 'facet-list' }, rows),
    extra,
  );
}

function facetOption({ label, count, pressed, onToggle, key, depth = 0 }) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: depth ? 'facet-option facet-option-child' : 'facet-option',
        'aria-pressed': String(pressed),
        dataset: { key },
        onclick: onToggle,
      },
      h('span', { class: 'facet-check', 'aria-hidden': 'true' }),
      h('span', { class: 'facet-label' }, label),
      h('span', { class: 'facet-count' }, count.toLocaleString('en-US')),
    ),
  );
}

function categoryFacet(filters, values) {
  const selected = categories.find(filters.category)?.id ?? filters.category;
  if (values.length === 0) return null;
  const present = new Map(values.map((value) => [value.value, value]));
  const parentOf = (id) => categories.byId.get(id)?.parentId ?? null;
  const roots = values.filter((value) => !present.has(parentOf(value.value)));
  const option = (value, depth) => {
    const slug = categories.byId.get(value.value)?.slug ?? value.value;
    const pressed = value.value === selected;
    return facetOption({
      label: value.label ?? categories.byId.get(value.value)?.name ?? value.value,
      count: value.count,
      pressed,
      depth,
      key: `category:${value.value}`,
      onToggle: () => navigate(searchHref({ ...filters, category: pressed ? '' : slug })),
    });
  };
  // Subcategories show under the category being browsed, or when the results span few roots.
  const open = (root) =>
    roots.length <= 2 || root.value === selected || parentOf(selected) === root.value;
  const childrenOf = (root) => values.filter((value) => parentOf(value.value) === root.value);
  const rows = roots.flatMap((root) => [
    option(root, 0),
    ...(open(root) ? childrenOf(root).map((child) => option(child, 1)) : []),
  ]);
  return facetGroup('category', 'Category', rows);
}

function brandFacet(filters, values) {
  if (values.length === 0) return null;
  const selected = filters.brand.toLowerCase();
  const option = (value) => {
    const pressed = value.value.toLowerCase() === selected;
    return facetOption({
      label: value.value,
      count: value.count,
      pressed,
      key: `brand:${value.value}`,
      onToggle: () => navigate(searchHref({ ...filters, brand: pressed ? '' : value.value })),
    });
  };
  const list = facetGroup('brand', 'Brand', values.slice(0, BRANDS_SHOWN).map(option));
  if (values.length > BRANDS_SHOWN) {
    const rest = values.slice(BRANDS_SHOWN).map(option);
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        'aria-expanded': 'false',
        dataset: { key: 'brand:more' },
      },
      `Show all ${values.length} brands`,
    );
    toggle.addEventListener('click', () => {
      const expanded = toggle.getAttribute('aria-expanded') === 'true';
      if (expanded) rest.forEach((row) => row.remove());
      else list.querySelector('ul').append(...rest);
      toggle.setAttribute('aria-expanded', String(!expanded));
      toggle.textContent = expanded ? `Show all ${values.length} brands` : 'Show fewer brands';
    });
    list.append(toggle);
  }
  return list;
}

function priceFacet(filters, buckets) {
  const rows = buckets.map((bucket) => ({ ...bucket, key: `${bucket.from}-${bucket.to ?? ''}` }));
  if (filters.price && !rows.some((row) => row.key === filters.price)) {
    const [from, to] = filters.price.split('-');
    rows.push({ from: Number(from), to: to ? Number(to) : null, count: 0, key: filters.price });
  }
  if (rows.length === 0) return null;
  return facetGroup(
    'price',
    'Price',
    rows.map((row) => {
      const pressed = row.key === filters.price;
      return facetOption({
        label: priceRangeLabel(row.from, row.to),
        count: row.count,
        pressed,
        key: `price:${row.key}`,
        onToggle: () => navigate(searchHref({ ...filters, price: pressed ? '' : row.key })),
      });
    }),
  );
}

function facetSkeleton() {
  return [0, 1].map(() =>
    h(
      'div',
      { class: 'facet', 'aria-hidden': 'true' },
      h('div', { class: 'line line-short shimmer' }),
      [0, 1, 2, 3, 4].map(() => h('div', { class: 'line shimmer' })),
    ),
  );
}

function facetsUnavailable() {
  return h('p', { class: 'muted' }, 'Filters are unavailable right now.');
}

function noResults(filters) {
  const filtered = activeCount(filters) > 0;
  const what = filters.q ? `“${filters.q}”` : 'these filters';
  return emptyState({
    title: `No products match ${what}`,
    detail: filtered
      ? 'Try removing a filter to see more products.'
      : 'Check the spelling, or try a more general word.',
    actions: [
      filtered
        ? h(
            'a',
            { class: 'button', href: searchHref({ q: filters.q, sort: filters.sort }) },
            'Clear filters',
          )
        : null,
      h(
        'a',
        { class: filtered ? 'button button-ghost' : 'button', href: '#/search' },
        'Browse all products',
      ),
    ],
  });
}
