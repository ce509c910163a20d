/* global window */
import { api, isAbort } from './api.js';
import { categories } from './categories.js';
import { errorState, productArt, productCard } from './components.js';
import { h, icon, replace } from './dom.js';
import { labelOf, safeImageUrl, valueOf } from './format.js';
import { buyBox } from './buy-box.js';
import { productOffer } from './product-offer.js';
import { productHref, searchHref } from './router.js';

/** Colour names of the demo catalog (and common ones), for the little swatches. */
const SWATCHES = {
  black: '#1f1f1f',
  white: '#ffffff',
  silver: '#c0c4c8',
  charcoal: '#3a3d42',
  clay: '#b8705a',
  lavender: '#b9a7d9',
  tan: '#d2b48c',
  olive: '#708238',
  camel: '#c19a6b',
  sand: '#d9c7a3',
  stainless: '#b4b8bb',
  'burnt orange': '#cc5500',
  slate: '#5f6b76',
  brown: '#7a5230',
  navy: '#23325a',
  grey: '#8b8f94',
  gray: '#8b8f94',
  red: '#c0392b',
  blue: '#2f6fd6',
  green: '#3c8d5a',
  forest: '#2f5d3a',
  sage: '#9caf88',
  cream: '#f3ead6',
  ivory: '#f6f1e3',
  beige: '#e3d5b8',
  pink: '#e8a0b4',
  blush: '#e8b8b0',
  teal: '#2a8c8c',
  yellow: '#e8c547',
  mustard: '#d4a72c',
  burgundy: '#7b2335',
  oatmeal: '#d8ccb4',
  graphite: '#4a4d52',
  natural: '#e6d9bf',
  walnut: '#6b4a2f',
  oak: '#b98e5a',
  copper: '#b87333',
  brass: '#b5a642',
  gold: '#d4af37',
  rose: '#d79a9a',
  sky: '#8cbfe6',
  coral: '#f08070',
  plum: '#704060',
};

export async function renderProduct(ctx, id) {
  ctx.setTitle('Product');
  replace(ctx.main, productSkeleton());
  let product;
  try {
    [product] = await Promise.all([api.product(id, { signal: ctx.signal }), categories.settle()]);
  } catch (error) {
    if (isAbort(error)) return;
    ctx.setTitle(error.status === 404 ? 'Product not found' : 'Something went wrong');
    replace(
      ctx.main,
      h(
        'div',
        { class: 'page-narrow' },
        errorState({
          title:
            error.status === 404
              ? 'We couldn’t find that product'
              : 'We couldn’t load this product',
          error,
          onRetry: error.status === 404 ? null : () => ctx.rerender(),
          links: [
            ['Back to home', '#/'],
            ['Browse all products', '#/search'],
          ],
        }),
      ),
    );
    ctx.focusHeading(ctx.main.querySelector('.state-title'));
    return;
  }

  ctx.setTitle(product.name);
  const title = h('h1', { class: 'product-title', tabindex: '-1' }, product.name);
  const variants = Array.isArray(product.variants) ? product.variants : [];
  const initial = variants.find((variant) => variant.sku === ctx.params.get('sku')) ?? variants[0];
  const sku = h('p', { class: 'sku' });
  const offer = productOffer(
    ctx,
    variants.map((variant) => variant.sku),
  );
  let chosen = initial?.sku;
  if (initial) offer.select(initial.sku);
  const buy = buyBox(ctx, () => chosen);
  const picker = variants.length
    ? variantPicker(variants, initial, (variant) => {
        replace(sku, 'SKU ', h('span', { class: 'mono' }, variant.sku));
        offer.select(variant.sku);
        chosen = variant.sku;
        buy.reset();
        const href = `${productHref(product.id)}?sku=${encodeURIComponent(variant.sku)}`;
        if (variant !== variants[0] || window.location.hash.includes('?sku='))
          window.history.replaceState(window.history.state, '', href);
      })
    : null;
  const more = h('section', { class: 'more-from', 'aria-labelledby': 'more-title', hidden: true });

  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-product' },
      breadcrumbs(product),
      h(
        'article',
        { class: 'product' },
        gallery(product),
        h(
          'div',
          { class: 'product-info' },
          product.brand
            ? h(
                'a',
                { class: 'product-brand', href: searchHref({ brand: product.brand }) },
                product.brand,
              )
            : null,
          title,
          offer.element,
          picker,
          variants.length ? sku : null,
          variants.length ? buy.element : null,
          product.description
            ? h(
                'section',
                { class: 'product-section', 'aria-labelledby': 'about-title' },
                h('h2', { id: 'about-title', class: 'section-title' }, 'About this product'),
                String(product.description)
                  .split(/\n{2,}/)
                  .map((paragraph) => h('p', { class: 'description' }, paragraph)),
              )
            : null,
        ),
      ),
      specifications(product),
      more,
    ),
  );
  ctx.focusHeading(title);
  void moreFromBrand(ctx, product, more);
}

function breadcrumbs(product) {
  const path = categories.deepest(Array.isArray(product.categoryIds) ? product.categoryIds : []);
  return h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h(
      'ol',
      {},
      h('li', {}, h('a', { href: '#/' }, 'Home')),
      path.map((category) =>
        h('li', {}, h('a', { href: searchHref({ category: category.slug }) }, category.name)),
      ),
      h('li', {}, h('span', { 'aria-current': 'page' }, product.name)),
    ),
  );
}

function gallery(product) {
  const images = (Array.isArray(product.images) ? product.images : []).filter((image) =>
    safeImageUrl(image?.url),
  );
  const stage = h('div', { class: 'gallery-stage' });
  const show = (image) =>
    replace(
      stage,
      productArt({
        name: product.name,
        brand: product.brand,
        image: image?.url,
        alt: image?.alt || product.name,
        size: 'large',
      }),
    );
  show(images[0]);
  if (images.length < 2) return h('div', { class: 'gallery' }, stage);
  const thumbs = images.map((image, index) =>
    h(
      'button',
      {
        type: 'button',
        class: 'thumb',
        'aria-label': `Show image ${index + 1} of ${images.length}`,
        'aria-pressed': String(index === 0),
        onclick: (event) => {
          show(image);
          for (const other of thumbs)
            other.setAttribute('aria-pressed', String(other === event.currentTarget));
        },
      },
      productArt({
        name: product.name,
        brand: product.brand,
        image: image.url,
        decorative: true,
        size: 'thumb',
      }),
    ),
  );
  return h('div', { class: 'gallery' }, stage, h('div', { class: 'thumbs' }, thumbs));
}

/** Radio groups built from the variants' options; impossible combinations snap to a real variant. */
function variantPicker(variants, initial, onSelect) {
  const names = [...new Set(variants.flatMap((variant) => Object.keys(variant.options ?? {})))];
  const valuesOf = (name) => [
    ...new Set(
      variants.map((variant) => variant.options?.[name]).filter((value) => value !== undefined),
    ),
  ];
  let selection = { ...initial.options };
  const matches = (variant, except) =>
    names.every((name) => name === except || variant.options?.[name] === selection[name]);

  const groups = names.map((name, groupIndex) => {
    const current = h('span', { class: 'option-current' });
    const inputs = valuesOf(name).map((value, index) => {
      const inputId = `option-${groupIndex}-${index}`;
      const input = h('input', {
        type: 'radio',
        class: 'option-input',
        id: inputId,
        name: `option-${groupIndex}`,
        value: String(value),
      });
      input.addEventListener('change', () => {
        selection[name] = value;
        const exact = variants.find((variant) => matches(variant));
        const variant = exact ?? variants.find((candidate) => candidate.options?.[name] === value);
        selection = { ...variant.options };
        update(variant);
      });
      const swatch = /colou?r/i.test(name) ? SWATCHES[String(value).toLowerCase()] : undefined;
      const label = h(
        'label',
        { class: 'option', for: inputId },
        swatch
          ? h('span', { class: 'swatch', style: { '--swatch': swatch }, 'aria-hidden': 'true' })
          : null,
        valueOf(name, value),
      );
      return { value, input, label };
    });
    const fieldset = h(
      'fieldset',
      { class: 'option-group' },
      h('legend', { class: 'option-legend' }, `${labelOf(name)}: `, current),
      h(
        'div',
        { class: 'options' },
        inputs.map(({ input, label }) => [input, label]),
      ),
    );
    return { name, current, inputs, fieldset };
  });

  function update(variant) {
    for (const group of groups) {
      group.current.textContent = valueOf(group.name, selection[group.name] ?? '—');
      for (const { value, input, label } of group.inputs) {
        input.checked = selection[group.name] === value;
        const possible = variants.some(
          (candidate) =>
            candidate.options?.[group.name] === value && matches(candidate, group.name),
        );
        label.classList.toggle('option-unavailable', !possible);
        label.title = possible
          ? ''
          : 'Not available with the other options; picking it changes them';
      }
    }
    onSelect(variant);
  }

  update(initial);
  return names.length
    ? h(
        'div',
        { class: 'variants' },
        groups.map((group) => group.fieldset),
      )
    : null;
}

function specifications(product) {
  const entries = Object.entries(product.attributes ?? {});
  if (entries.length === 0) return null;
  return h(
    'section',
    { class: 'specs', 'aria-labelledby': 'specs-title' },
    h('h2', { id: 'specs-title', class: 'section-title' }, 'Specifications'),
    h(
      'table',
      { class: 'specs-table' },
      h('caption', { class: 'visually-hidden' }, `Specifications of ${product.name}`),
      h(
        'tbody',
        {},
        product.brand
          ? h('tr', {}, h('th', { scope: 'row' }, 'Brand'), h('td', {}, product.brand))
          : null,
        entries.map(([key, value]) =>
          h('tr', {}, h('th', { scope: 'row' }, labelOf(key)), h('td', {}, valueOf(key, value))),
        ),
      ),
    ),
  );
}

async function moreFromBrand(ctx, product, section) {
  if (!product.brand) return;
  try {
    const page = await api.search({ brand: product.brand, limit: 5 }, { signal: ctx.signal });
    const items = page.items.filter((item) => item.productId !== product.id).slice(0, 4);
    if (items.length === 0) return;
    replace(
      section,
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'more-title', class: 'section-title' }, `More from ${product.brand}`),
        h(
          'a',
          { class: 'section-link', href: searchHref({ brand: product.brand }) },
          'See all',
          icon('arrow', { size: 16 }),
        ),
      ),
      h('ul', { class: 'grid grid-compact' }, items.map(productCard)),
    );
    section.hidden = false;
  } catch {
    // a nicety: without it the page is still complete
  }
}

function productSkeleton() {
  return h(
    'div',
    { class: 'page-product', 'aria-busy': 'true' },
    h('div', { class: 'breadcrumbs' }, h('div', { class: 'line line-short shimmer' })),
    h(
      'div',
      { class: 'product' },
      h('div', { class: 'gallery' }, h('div', { class: 'art art-large shimmer' })),
      h(
        'div',
        { class: 'product-info' },
        h('div', { class: 'line line-short shimmer' }),
        h('div', { class: 'line line-title shimmer' }),
        h('div', { class: 'line line-medium shimmer' }),
        h('div', { class: 'line shimmer' }),
        h('div', { class: 'line shimmer' }),
      ),
    ),
  );
}
