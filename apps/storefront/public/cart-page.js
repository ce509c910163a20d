/* global document, CSS */
import { isAbort } from './api.js';
import { cartStore } from './cart.js';
import { LINE_NOT_FOUND, cartErrorMessage, cartView, parseQuantity } from './cart-model.js';
import { emptyState, errorState, productArt } from './components.js';
import { h, icon, replace } from './dom.js';
import { formatMoney, labelOf, plural, valueOf } from './format.js';
import { productHref } from './router.js';
import { cartSummary } from './cart-summary.js';

/**
 * `#/cart`: the lines with their quantities, the promotion code, the totals, and a notice
 * when the cart answered from cached data (`degraded`, `stale` lines). Every change goes
 * through the cart store; the page re-renders from the cart each write answers, and puts
 * the focus back where it was.
 */
export async function renderCart(ctx) {
  ctx.setTitle('Your cart');
  const title = h('h1', { class: 'page-title', tabindex: '-1' }, 'Your cart');
  const body = h('div', { class: 'cart-body', 'aria-busy': 'true' }, cartSkeleton());
  replace(ctx.main, h('div', { class: 'page-cart' }, title, body));
  ctx.focusHeading(title);

  const state = { promoText: '', promoError: '', status: '', lineErrors: new Map() };
  const render = () => renderBody(ctx, body, state, render);

  if (!cartStore.hasCart) {
    body.removeAttribute('aria-busy');
    return renderEmpty(body);
  }
  try {
    await cartStore.load();
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    if (!cartStore.hasCart) return renderEmpty(body);
    replace(
      body,
      errorState({
        title: 'We couldn’t load your cart',
        error: { message: cartErrorMessage(error) },
        onRetry: () => ctx.rerender(),
      }),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  body.removeAttribute('aria-busy');
  render();
  const unsubscribe = cartStore.subscribe(() => {
    if (!ctx.signal.aborted) render();
  });
  ctx.signal.addEventListener('abort', unsubscribe, { once: true });
}

function renderEmpty(body) {
  replace(
    body,
    emptyState({
      title: 'Your cart is empty',
      detail: 'Find something you like and add it here.',
      actions: [h('a', { class: 'button', href: '#/search' }, 'Browse all products')],
    }),
  );
}

function renderBody(ctx, body, state, render) {
  const view = cartView(cartStore.cart);
  if (view.lines.length === 0 && !view.promotionCode) return renderEmpty(body);
  const focused = document.activeElement?.closest('[data-focus]')?.dataset.focus;

  const run = async (task, { lineId, onError } = {}) => {
    state.status = '';
    if (lineId) state.lineErrors.delete(lineId);
    try {
      await task();
      return true;
    } catch (error) {
      const message = cartErrorMessage(error);
      if (onError) onError(message);
      else if (lineId && error?.code !== LINE_NOT_FOUND) state.lineErrors.set(lineId, message);
      else state.status = message;
      // A cart that is gone was forgotten: the page shows the empty cart.
      if (!cartStore.hasCart) ctx.rerender();
      else render();
      return false;
    }
  };

  replace(
    body,
    view.notice
      ? h(
          'div',
          { class: 'notice notice-warning cart-notice', role: 'status' },
          icon('alert', { size: 20 }),
          h('p', {}, view.notice),
        )
      : null,
    h(
      'div',
      { class: 'cart-layout' },
      h(
        'section',
        { class: 'cart-items', 'aria-labelledby': 'cart-items-title' },
        h(
          'h2',
          { id: 'cart-items-title', class: 'visually-hidden' },
          `Items in your cart: ${plural(view.count, 'unit')}`,
        ),
        h(
          'ul',
          { class: 'cart-lines' },
          view.lines.map((line) => lineItem(line, state, run)),
        ),
      ),
      cartSummary(view, state, run, render),
    ),
  );

  if (focused) {
    const target = body.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
    (target ?? body.closest('.page-cart')?.querySelector('h1'))?.focus({ preventScroll: true });
  }
}

function optionText(line) {
  return line.options
    .map(([name, value]) => `${labelOf(name)}: ${valueOf(name, value)}`)
    .join(', ');
}

function lineItem(line, state, run) {
  const options = optionText(line);
  const described = options ? `${line.name} (${options})` : line.name;
  const inputId = `quantity-${line.id}`;
  const href = line.productId ? productHref(line.productId) : null;
  const error = state.lineErrors.get(line.id);

  const input = h('input', {
    id: inputId,
    class: 'quantity-input',
    type: 'number',
    inputmode: 'numeric',
    min: '0',
    max: String(line.maxQuantity),
    step: '1',
    value: String(line.quantity),
    'aria-label': `Quantity of ${described}`,
    dataset: { focus: `qty:${line.id}` },
  });
  let committed = line.quantity;
  const commit = (quantity) => {
    if (quantity === committed) return;
    committed = quantity;
    void run(() => cartStore.setQuantity(line.id, quantity), { lineId: line.id });
  };
  const commitTyped = () => {
    const parsed = parseQuantity(input.value, line.maxQuantity);
    if (parsed.error) {
      state.lineErrors.set(line.id, parsed.error);
      lineError.textContent = parsed.error;
      return;
    }
    commit(parsed.quantity);
  };
  input.addEventListener('change', commitTyped);
  const lineError = h('p', { class: 'cart-line-error', role: 'alert' }, error ?? '');

  return h(
    'li',
    { class: line.stale ? 'cart-line is-stale' : 'cart-line', dataset: { line: line.id } },
    h(
      href ? 'a' : 'div',
      {
        class: 'cart-line-media',
        ...(href ? { href, tabindex: '-1', 'aria-hidden': 'true' } : {}),
      },
      productArt({ name: line.name, image: line.image, decorative: true, size: 'thumb' }),
    ),
    h(
      'div',
      { class: 'cart-line-info' },
      href
        ? h('a', { class: 'cart-line-name', href }, line.name)
        : h('p', { class: 'cart-line-name' }, line.name),
      options ? h('p', { class: 'cart-line-options' }, options) : null,
      h('p', { class: 'sku' }, 'SKU ', h('span', { class: 'mono' }, line.sku)),
      line.stale
        ? h('p', { class: 'badge badge-warning' }, 'Price and stock may be out of date')
        : null,
      line.warning ? h('p', { class: 'cart-line-warning' }, line.warning) : null,
      lineError,
    ),
    h(
      'form',
      {
        class: 'cart-line-quantity',
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          commitTyped();
        },
      },
      h('label', { class: 'quantity-label', for: inputId }, 'Quantity'),
      h(
        'div',
        { class: 'stepper' },
        h(
          'button',
          {
            type: 'button',
            class: 'stepper-button',
            'aria-label': `One fewer ${described}`,
            dataset: { focus: `dec:${line.id}` },
            onclick: () => commit(Math.max(0, line.quantity - 1)),
          },
          '−',
        ),
        input,
        h(
          'button',
          {
            type: 'button',
            class: 'stepper-button',
            'aria-label': `One more ${described}`,
            disabled: line.quantity >= line.maxQuantity,
            dataset: { focus: `inc:${line.id}` },
            onclick: () => commit(Math.min(line.maxQuantity, line.quantity + 1)),
          },
          '+',
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': `Remove ${described}`,
          dataset: { focus: `remove:${line.id}` },
          onclick: () => void run(() => cartStore.remove(line.id), { lineId: line.id }),
        },
        'Remove',
      ),
    ),
    h(
      'div',
      { class: 'cart-line-price' },
      h(
        'p',
        { class: 'cart-line-total' },
        formatMoney(line.lineTotal) ?? h('span', { class: 'price-pending' }, 'Price unavailable'),
      ),
      line.unitPrice && line.quantity > 1
        ? h('p', { class: 'cart-line-unit' }, `${formatMoney(line.unitPrice)} each`)
        : null,
    ),
  );
}

function cartSkeleton() {
  return h(
    'div',
    { class: 'cart-layout', 'aria-hidden': 'true' },
    h(
      'div',
      { class: 'cart-items' },
      [0, 1].map(() =>
        h(
          'div',
          { class: 'cart-line' },
          h('div', { class: 'art art-thumb shimmer' }),
          h(
            'div',
            { class: 'cart-line-info' },
            h('div', { class: 'line line-medium shimmer' }),
            h('div', { class: 'line line-short shimmer' }),
          ),
        ),
      ),
    ),
    h('div', { class: 'cart-summary' }, h('div', { class: 'line shimmer' })),
  );
}
