import { isAbort, ordersApi } from './api.js';
import { cartStore } from './cart.js';
import {
  canCancel,
  formatDate,
  historyOf,
  rejectionMessage,
  statusLabel,
  addressSummary,
} from './checkout-model.js';
import { signInPrompt } from './checkout-page.js';
import { emptyState, errorState, productArt } from './components.js';
import { returnActions, returnsList } from './order-returns.js';
import { itemsSummary, lineName } from './returns-model.js';
import { h, replace } from './dom.js';
import { formAlert } from './forms.js';
import { formatMoney, plural } from './format.js';
import { session } from './session.js';

function statusBadge(status) {
  return h('span', { class: `status-badge status-${status}` }, statusLabel(status));
}

/** `#/orders`: the customer's orders, newest first. */
export async function renderOrders(ctx) {
  if (!session.signedIn)
    return signInPrompt(ctx, { title: 'Sign in to see your orders', next: '/orders' });
  ctx.setTitle('Your orders');
  const title = h('h1', { class: 'page-title', tabindex: '-1' }, 'Your orders');
  const body = h(
    'div',
    { 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading your orders…'),
  );
  replace(ctx.main, h('div', { class: 'page-orders page-narrow' }, title, body));
  ctx.focusHeading(title);
  let answer;
  try {
    answer = await ordersApi.list({ limit: 50 }, { signal: ctx.signal });
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    replace(
      body,
      errorState({ title: 'We couldn’t load your orders', error, onRetry: () => ctx.rerender() }),
    );
    return;
  }
  body.removeAttribute('aria-busy');
  if (answer.items.length === 0) {
    replace(
      body,
      emptyState({
        title: 'No orders yet',
        detail: 'Your orders will show here.',
        actions: [h('a', { class: 'button', href: '#/search' }, 'Browse products')],
      }),
    );
    return;
  }
  replace(
    body,
    h(
      'ul',
      { class: 'order-list', 'aria-label': 'Orders' },
      answer.items.map((order) =>
        h(
          'li',
          { class: 'order-row' },
          h(
            'a',
            { class: 'order-link', href: `#/orders/${encodeURIComponent(order.id)}` },
            h('span', { class: 'order-id mono' }, order.id),
            h('span', { class: 'order-date' }, formatDate(order.createdAt)),
            h(
              'span',
              { class: 'order-count' },
              plural(
                order.lines.reduce((sum, line) => sum + line.quantity, 0),
                'item',
              ),
            ),
            h('span', { class: 'order-total amount' }, formatMoney(order.total) ?? '—'),
            statusBadge(order.status),
            h('span', { class: 'order-names' }, itemsSummary(order.lines, nameOfLine)),
          ),
        ),
      ),
    ),
  );
}

/** A line's name as bought; orders from before names were kept fall back to this page's cart. */
function nameOfLine(line) {
  return lineName(line, cartStore.nameOf(line.sku));
}

/** `#/orders/{id}`: the order (the confirmation after checkout, `?placed=1`), its history, cancel. */
export async function renderOrder(ctx, id) {
  if (!session.signedIn)
    return signInPrompt(ctx, { title: 'Sign in to see this order', next: `/orders/${id}` });
  ctx.setTitle('Your order');
  const placed = ctx.params.get('placed') === '1';
  const container = h(
    'div',
    { class: 'page-order page-narrow', 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading the order…'),
  );
  replace(ctx.main, container);
  const state = {
    order: null,
    alert: '',
    cancelling: false,
    confirmCancel: false,
    /** The return being written: null while the form is closed. */
    returning: null,
  };

  try {
    state.order = await ordersApi.get(id, { signal: ctx.signal });
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    container.removeAttribute('aria-busy');
    replace(
      container,
      error?.status === 404
        ? emptyState({
            title: 'We can’t find this order',
            detail: 'It may belong to another account.',
            actions: [h('a', { class: 'button', href: '#/orders' }, 'Your orders')],
          })
        : errorState({
            title: 'We couldn’t load this order',
            error,
            onRetry: () => ctx.rerender(),
          }),
    );
    return;
  }
  container.removeAttribute('aria-busy');

  async function cancel() {
    state.cancelling = true;
    state.alert = '';
    render();
    try {
      state.order = await ordersApi.cancel(state.order.id);
      state.confirmCancel = false;
      ctx.announce('Your order is cancelled.');
    } catch (error) {
      state.alert = error?.message ?? 'We could not cancel the order.';
    }
    state.cancelling = false;
    render(true);
  }

  const nameOfSku = (sku) => {
    const line = state.order.lines.find((candidate) => candidate.sku === sku);
    return line ? nameOfLine(line) : sku;
  };

  function render(focus = false) {
    const order = state.order;
    const confirmed = order.status === 'confirmed';
    const heading =
      placed && confirmed
        ? 'Thank you! Your order is confirmed'
        : placed && order.status === 'pending'
          ? 'Your order is being processed'
          : `Order ${order.id}`;
    ctx.setTitle(placed && confirmed ? 'Order confirmed' : `Order ${order.id}`);
    const title = h('h1', { class: 'page-title', tabindex: '-1' }, heading);
    const money = (className, label, value, prefix = '') =>
      h(
        'div',
        { class: className },
        h('dt', {}, label),
        h('dd', { class: 'amount' }, `${prefix}${formatMoney(value) ?? '—'}`),
      );
    replace(
      container,
      title,
      h(
        'p',
        { class: 'order-meta' },
        h('span', {}, 'Order number '),
        h('span', { class: 'mono order-number' }, order.id),
        ' · ',
        formatDate(order.createdAt),
        ' · ',
        statusBadge(order.status),
      ),
      formAlert(state.alert),
      order.status === 'rejected'
        ? h('div', { class: 'notice notice-warning', role: 'status' }, rejectionMessage(order))
        : null,
      h('h2', { class: 'section-title' }, 'Items'),
      h(
        'ul',
        { class: 'checkout-lines order-lines', 'aria-label': 'Items' },
        order.lines.map((line) =>
          h(
            'li',
            { class: 'checkout-line order-line' },
            productArt({
              name: nameOfLine(line),
              image: line.image,
              decorative: true,
              size: 'thumb',
            }),
            h(
              'span',
              { class: 'order-line-text' },
              h('span', { class: 'order-line-name' }, `${nameOfLine(line)} × ${line.quantity}`),
              h('span', { class: 'mono muted order-sku' }, ` ${line.sku}`),
              line.returnedQuantity > 0
                ? h(
                    'span',
                    { class: 'muted order-returned' },
                    ` · ${line.returnedQuantity} returned`,
                  )
                : null,
            ),
            h('span', { class: 'amount' }, formatMoney(line.lineTotal) ?? '—'),
          ),
        ),
      ),
      h(
        'dl',
        { class: 'cart-totals order-totals' },
        money('order-subtotal', 'Subtotal', order.subtotal),
        order.discount.amount
          ? money(
              'order-discount',
              order.promotionCode ? `Discount (${order.promotionCode})` : 'Discount',
              order.discount,
              '−',
            )
          : null,
        money(
          'order-shipping',
          order.shippingOption?.name ? `Shipping (${order.shippingOption.name})` : 'Shipping',
          order.shipping,
        ),
        money('order-tax', 'Tax', order.tax),
        money('order-total cart-total', 'Total', order.total),
      ),
      order.shippingAddress
        ? [
            h('h2', { class: 'section-title' }, 'Shipping to'),
            h('p', { class: 'order-address' }, addressSummary(order.shippingAddress)),
          ]
        : null,
      h('h2', { class: 'section-title' }, 'Status history'),
      h(
        'ol',
        { class: 'status-history', 'aria-label': 'Status history' },
        historyOf(order).map((change) =>
          h(
            'li',
            {},
            statusBadge(change.status),
            ' ',
            h('time', { datetime: change.at }, formatDate(change.at)),
            change.reason ? ` · ${change.reason.replaceAll('_', ' ')}` : '',
          ),
        ),
      ),
      returnsList(order, nameOfSku),
      returnActions({ ctx, container, state, render, nameOf: nameOfSku }),
      canCancel(order)
        ? h(
            'div',
            { class: 'order-actions' },
            state.confirmCancel
              ? [
                  h('p', { id: 'cancel-question' }, 'Cancel this order? Nothing will be charged.'),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button',
                      'aria-describedby': 'cancel-question',
                      disabled: state.cancelling,
                      onclick: () => void cancel(),
                    },
                    'Yes, cancel the order',
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button button-secondary',
                      onclick: () => {
                        state.confirmCancel = false;
                        render();
                      },
                    },
                    'Keep the order',
                  ),
                ]
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-secondary',
                    onclick: () => {
                      state.confirmCancel = true;
                      render();
                      container.querySelector('.order-actions .button')?.focus();
                    },
                  },
                  'Cancel order',
                ),
          )
        : null,
      h('p', {}, h('a', { href: '#/orders' }, 'All your orders')),
    );
    if (focus || !state.rendered) ctx.focusHeading(title);
    state.rendered = true;
  }
  render();
}
