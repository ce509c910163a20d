/* global window, document, AbortController */
import { renderAccountForm } from './account-page.js';
import { renderAddressBook } from './address-book.js';
import { attachAutocomplete } from './autocomplete.js';
import { cartStore } from './cart.js';
import { renderCart } from './cart-page.js';
import { categories } from './categories.js';
import { renderCheckout } from './checkout-page.js';
import { h, icon, replace } from './dom.js';
import { plural } from './format.js';
import { renderHome } from './home.js';
import { renderOrder, renderOrders } from './orders-page.js';
import { renderProduct } from './product.js';
import { readFilters, rememberScroll, renderSearch } from './search.js';
import { currentRoute, navigate, productHref, searchHref } from './router.js';
import { session } from './session.js';
import { displayName } from './session-model.js';

const main = document.getElementById('main');
const input = document.getElementById('search-input');
const announcer = document.getElementById('announcer');
const menu = document.getElementById('category-menu');
const cartLink = document.getElementById('cart-link');
const cartCount = document.getElementById('cart-count');
const cartCountWords = document.getElementById('cart-count-words');
const accountNav = document.getElementById('account-nav');

let current = null;
let firstRender = true;

function viewOf(path) {
  if (path === '/' || path === '') return { kind: 'home' };
  if (path === '/search') return { kind: 'search' };
  if (path === '/cart') return { kind: 'cart' };
  if (path === '/checkout') return { kind: 'checkout' };
  if (path === '/signin') return { kind: 'signin' };
  if (path === '/signup') return { kind: 'signup' };
  if (path === '/orders') return { kind: 'orders' };
  if (path === '/account/addresses') return { kind: 'addresses' };
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order) return { kind: 'order', id: order[1] };
  const product = /^\/p\/([^/]+)$/.exec(path);
  if (product) return { kind: 'product', id: product[1] };
  return { kind: 'missing' };
}

async function route() {
  const { path, params, hash } = currentRoute();
  const view = viewOf(path);
  const q = params.get('q') ?? '';
  const previous = current;
  if (previous?.kind === 'search') rememberScroll(previous.hash);
  previous?.controller.abort();

  const refine = previous?.kind === 'search' && view.kind === 'search' && previous.q === q;
  const focusKey = refine ? document.activeElement?.closest('[data-key]')?.dataset.key : null;
  const controller = new AbortController();
  current = { kind: view.kind, hash, q, controller };

  if (document.activeElement !== input) input.value = view.kind === 'search' ? q : '';
  markCategory(view.kind === 'search' ? readFilters(params) : null);
  markCart(view.kind === 'cart');
  if (!refine) window.scrollTo(0, 0);

  const ctx = {
    main,
    params,
    hash,
    refine,
    signal: controller.signal,
    setTitle: (title) => {
      document.title = title ? `${title} · Emporium` : 'Emporium: good things, well chosen';
    },
    announce,
    rerender: () => navigate(hash),
    focusHeading: (element) => {
      if (!firstRender && element) element.focus({ preventScroll: true });
    },
    restoreFocus: () => {
      if (!focusKey) return;
      const target = [...main.querySelectorAll('[data-key]')].find(
        (node) => node.dataset.key === focusKey,
      );
      target?.focus({ preventScroll: true });
    },
  };

  try {
    if (view.kind === 'home') await renderHome(ctx);
    else if (view.kind === 'search') await renderSearch(ctx);
    else if (view.kind === 'product') await renderProduct(ctx, view.id);
    else if (view.kind === 'cart') await renderCart(ctx);
    else if (view.kind === 'checkout') await renderCheckout(ctx);
    else if (view.kind === 'signin') renderAccountForm(ctx, { signUp: false });
    else if (view.kind === 'signup') renderAccountForm(ctx, { signUp: true });
    else if (view.kind === 'orders') await renderOrders(ctx);
    else if (view.kind === 'addresses') await renderAddressBook(ctx);
    else if (view.kind === 'order') await renderOrder(ctx, view.id);
    else renderMissing(ctx);
  } finally {
    firstRender = false;
  }
}

function renderMissing(ctx) {
  ctx.setTitle('Page not found');
  const title = h('h1', { class: 'state-title', tabindex: '-1' }, 'This page doesn’t exist');
  replace(
    main,
    h(
      'div',
      { class: 'page-narrow' },
      h(
        'div',
        { class: 'state' },
        h('div', { class: 'state-icon' }, icon('box', { size: 28 })),
        title,
        h('p', { class: 'state-detail' }, 'The link may be old or mistyped.'),
        h(
          'div',
          { class: 'state-actions' },
          h('a', { class: 'button', href: '#/' }, 'Back to home'),
        ),
      ),
    ),
  );
  ctx.focusHeading(title);
}

function announce(message) {
  announcer.textContent = '';
  window.setTimeout(() => {
    announcer.textContent = message;
  }, 50);
}

/** The header's cart link: the number of units, told politely to screen readers when it changes. */
function showCartCount() {
  const count = cartStore.count;
  cartCount.textContent = count.toLocaleString('en-US');
  cartCountWords.textContent = count === 1 ? 'item' : 'items';
  cartLink.setAttribute('aria-label', `Cart, ${plural(count, 'item')}`);
}

function markCart(isCurrent) {
  if (isCurrent) cartLink.setAttribute('aria-current', 'page');
  else cartLink.removeAttribute('aria-current');
}

/** The header's category bar: top-level categories, their subcategories in a dropdown. */
async function renderMenu() {
  try {
    await categories.load();
  } catch {
    replace(menu, h('li', {}, h('a', { class: 'nav-link', href: '#/search' }, 'All products')));
    return;
  }
  replace(
    menu,
    h(
      'li',
      {},
      h('a', { class: 'nav-link', href: '#/search', dataset: { category: '' } }, 'All products'),
    ),
    categories.roots.map((root) => {
      const children = categories.children(root.id);
      return h(
        'li',
        { class: children.length ? 'nav-item has-children' : 'nav-item' },
        h(
          'a',
          {
            class: 'nav-link',
            href: searchHref({ category: root.slug }),
            dataset: { category: root.slug },
          },
          root.name,
        ),
        children.length
          ? h(
              'ul',
              { class: 'nav-dropdown', 'aria-label': `${root.name} subcategories` },
              children.map((child) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    {
                      href: searchHref({ category: child.slug }),
                      dataset: { category: child.slug },
                    },
                    child.name,
                  ),
                ),
              ),
            )
          : null,
      );
    }),
  );
  markCategory(current?.kind === 'search' ? readFilters(currentRoute().params) : null);
}

/** Highlights the category being browsed (and its parent), or "All products" for the bare list. */
function markCategory(filters) {
  const active = categories.find(filters?.category);
  const trail = new Set(active ? categories.path(active.id).map((category) => category.slug) : []);
  const everything = filters && !filters.q && !filters.category && !filters.brand;
  for (const link of menu.querySelectorAll('a[data-category]')) {
    const key = link.dataset.category;
    const isCurrent = key === '' ? everything : trail.has(key);
    if (isCurrent)
      link.setAttribute('aria-current', key === '' || key === active?.slug ? 'page' : 'true');
    else link.removeAttribute('aria-current');
  }
}

/** The header's account area: "Sign in", or the customer's name, their orders and "Sign out". */
function showAccount() {
  const user = session.user;
  if (!user) {
    replace(
      accountNav,
      h('a', { class: 'account-link', href: '#/signin' }, 'Sign in'),
      h('a', { class: 'account-link', href: '#/signup' }, 'Create account'),
    );
    return;
  }
  replace(
    accountNav,
    h('span', { class: 'account-name' }, `Hi, ${displayName(user)}`),
    h('a', { class: 'account-link', href: '#/orders' }, 'Orders'),
    h('a', { class: 'account-link', href: '#/account/addresses' }, 'Addresses'),
    h(
      'button',
      {
        type: 'button',
        class: 'link-button account-link',
        onclick: async () => {
          await session.signOut().catch(() => undefined);
          announce('You are signed out.');
          navigate('#/');
        },
      },
      'Sign out',
    ),
  );
}

attachAutocomplete({
  form: document.getElementById('search-form'),
  input,
  list: document.getElementById('suggestions'),
  onSearch: (text) => {
    input.blur();
    navigate(searchHref({ q: text }));
  },
  onProduct: (id) => {
    input.value = '';
    input.blur();
    navigate(productHref(id));
  },
});

document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  const heading = main.querySelector('h1');
  (heading ?? main).focus();
});

// Keep the browser from jumping back to an old scroll position on "back": we restore it.
window.history.scrollRestoration = 'manual';
window.addEventListener('hashchange', () => void route());
void renderMenu();
cartStore.subscribe(showCartCount);
showCartCount();
showAccount();
// A session kept in the gateway's cookie comes back first (pages read it); then the cart:
// the customer's (an anonymous one held here is merged into it), or the anonymous one.
session.subscribe((user) => {
  showAccount();
  if (user) void cartStore.signedIn().catch(() => undefined);
  else void cartStore.signedOut();
});
void session.restore().then(() => {
  void route();
  // The count of a cart kept from an earlier visit; a cart that is gone reads as empty.
  if (!session.signedIn) cartStore.load().catch(() => undefined);
});
