import { api, isAbort } from './api.js';
import { categories } from './categories.js';
import { errorState, productArt, productCard, skeletonCards } from './components.js';
import { h, icon, replace } from './dom.js';
import { hueOf, plural } from './format.js';
import { searchHref } from './router.js';

export async function renderHome(ctx) {
  ctx.setTitle(null);
  const title = h('h1', { class: 'hero-title', tabindex: '-1' }, 'Good things, well chosen.');
  const lede = h(
    'p',
    { class: 'hero-lede' },
    'Headphones to hiking boots, cookware to notebooks: find what you need, fast.',
  );
  const tiles = h('ul', { class: 'tiles', 'aria-label': 'Shop by category' });
  const arrivals = h('ul', { class: 'grid grid-compact', 'aria-hidden': 'true' }, skeletonCards(8));
  const arrivalsBody = h('div', {}, arrivals);
  replace(
    ctx.main,
    h(
      'section',
      { class: 'hero' },
      h(
        'div',
        { class: 'hero-art', 'aria-hidden': 'true' },
        ['Northpine', 'Hushwave', 'Fieldnote'].map((brand) =>
          h('div', { class: 'hero-card' }, productArt({ name: brand, brand, decorative: true })),
        ),
      ),
      h(
        'div',
        { class: 'hero-inner' },
        h('p', { class: 'eyebrow' }, 'The Emporium'),
        title,
        lede,
        h(
          'div',
          { class: 'hero-actions' },
          h(
            'a',
            { class: 'button button-large', href: '#/search' },
            'Browse all products',
            icon('arrow', { size: 18 }),
          ),
          h(
            'a',
            { class: 'button button-large button-ghost', href: searchHref({ sort: 'newest' }) },
            'New arrivals',
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'home-section', 'aria-labelledby': 'categories-title' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'categories-title', class: 'section-title' }, 'Shop by category'),
      ),
      tiles,
    ),
    h(
      'section',
      { class: 'home-section', 'aria-labelledby': 'arrivals-title' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'arrivals-title', class: 'section-title' }, 'New arrivals'),
        h(
          'a',
          { class: 'section-link', href: searchHref({ sort: 'newest' }) },
          'See all',
          icon('arrow', { size: 16 }),
        ),
      ),
      arrivalsBody,
    ),
  );
  ctx.focusHeading(title);

  const [tree, latest] = await Promise.allSettled([
    categories.load(),
    api.search({ sort: 'newest', limit: 8 }, { signal: ctx.signal }),
  ]);
  if (ctx.signal.aborted) return;

  if (tree.status === 'fulfilled' && categories.roots.length > 0) {
    replace(tiles, categories.roots.map(categoryTile));
  } else {
    tiles.remove();
  }

  if (latest.status === 'fulfilled') {
    const page = latest.value;
    if (page.total > 0)
      lede.textContent = `${plural(page.total, 'product')} across ${plural(categories.byId.size, 'category', 'categories')}, from headphones to hiking boots. Find what you need, fast.`;
    replace(
      arrivalsBody,
      h(
        'ul',
        { class: 'grid grid-compact', 'aria-label': 'New arrivals' },
        page.items.map(productCard),
      ),
    );
  } else if (!isAbort(latest.reason)) {
    replace(
      arrivalsBody,
      errorState({
        title: 'We couldn’t load the latest products',
        error: latest.reason,
        onRetry: () => ctx.rerender(),
      }),
    );
  }
}

function categoryTile(category) {
  const children = categories.children(category.id);
  return h(
    'li',
    { class: 'tile', style: { '--hue': String(hueOf(category.slug)) } },
    h(
      'a',
      { class: 'tile-title', href: searchHref({ category: category.slug }) },
      category.name,
      icon('chevron', { size: 18 }),
    ),
    children.length
      ? h(
          'ul',
          { class: 'tile-links' },
          children.map((child) =>
            h('li', {}, h('a', { href: searchHref({ category: child.slug }) }, child.name)),
          ),
        )
      : null,
  );
}
