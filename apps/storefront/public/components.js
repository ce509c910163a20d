import { h, icon } from './dom.js';
import { hueOf, initialsOf, safeImageUrl } from './format.js';
import { cardPrice } from './pricing.js';
import { productHref } from './router.js';

/** A product photo, or a calm monogram tile when the product has none yet. */
export function productArt({ name, brand, image, alt, decorative = false, size = 'card' }) {
  const src = safeImageUrl(image);
  if (src) {
    return h('img', {
      class: `art art-${size}`,
      src,
      alt: decorative ? '' : (alt ?? name),
      loading: size === 'card' ? 'lazy' : 'eager',
      decoding: 'async',
    });
  }
  const key = brand || name;
  return h(
    'div',
    {
      class: `art art-${size} art-placeholder`,
      style: { '--hue': String(hueOf(key)) },
      ...(decorative
        ? { 'aria-hidden': 'true' }
        : { role: 'img', 'aria-label': `${name} (no photo yet)` }),
    },
    h('span', { class: 'art-monogram' }, initialsOf(key)),
  );
}

/** One search hit as a grid card: the whole card is one link. */
export function productCard(item) {
  const soldOut = item.price !== null && item.price !== undefined && item.inStock === false;
  return h(
    'li',
    { class: 'card' },
    h(
      'a',
      {
        class: 'card-link',
        href: productHref(item.productId),
        dataset: { key: `p:${item.productId}` },
      },
      h(
        'div',
        { class: 'card-media' },
        productArt({ name: item.name, brand: item.brand, image: item.image, decorative: true }),
        soldOut ? h('span', { class: 'badge badge-muted' }, 'Out of stock') : null,
      ),
      h(
        'div',
        { class: 'card-body' },
        h('p', { class: 'card-brand' }, item.brand),
        h('h3', { class: 'card-title' }, item.name),
        cardPrice(item.price, item.compareAtPrice ?? null),
      ),
    ),
  );
}

export function skeletonCards(count) {
  return Array.from({ length: count }, () =>
    h(
      'li',
      { class: 'card card-skeleton', 'aria-hidden': 'true' },
      h('div', { class: 'card-media' }, h('div', { class: 'art art-card shimmer' })),
      h(
        'div',
        { class: 'card-body' },
        h('div', { class: 'line line-short shimmer' }),
        h('div', { class: 'line shimmer' }),
        h('div', { class: 'line line-medium shimmer' }),
      ),
    ),
  );
}

/** Error state: the problem's `detail`, and a way out. */
export function errorState({ title = 'Something went wrong', error, onRetry, links = [] }) {
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    h('div', { class: 'state-icon' }, icon('alert', { size: 28 })),
    h('h2', { class: 'state-title' }, title),
    h('p', { class: 'state-detail' }, error?.message || 'Please try again in a moment.'),
    h(
      'div',
      { class: 'state-actions' },
      onRetry
        ? h(
            'button',
            { type: 'button', class: 'button', onclick: onRetry },
            icon('refresh', { size: 18 }),
            'Try again',
          )
        : null,
      links.map(([label, href]) => h('a', { class: 'button button-ghost', href }, label)),
    ),
  );
}

export function emptyState({ title, detail, actions = [] }) {
  return h(
    'div',
    { class: 'state' },
    h('div', { class: 'state-icon' }, icon('box', { size: 28 })),
    h('h2', { class: 'state-title' }, title),
    detail ? h('p', { class: 'state-detail' }, detail) : null,
    actions.length ? h('div', { class: 'state-actions' }, actions) : null,
  );
}
