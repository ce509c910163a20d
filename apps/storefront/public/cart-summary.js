import { cartStore } from './cart.js';
import { h, icon } from './dom.js';
import { formatMoney, plural } from './format.js';

/**
 * The cart page's order summary: the promotion code (the API's reason under the field when
 * it does not apply, in a `role="alert"`), subtotal, discount and total. `state` keeps what
 * the shopper typed across re-renders; `run` performs a cart write and reports its error.
 */
export function cartSummary(view, state, run, render) {
  const promoInput = h('input', {
    id: 'promo-code',
    class: 'promo-input',
    name: 'code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: '64',
    value: state.promoText,
    'aria-describedby': 'promo-error',
    dataset: { focus: 'promo-input' },
  });
  promoInput.addEventListener('input', () => {
    state.promoText = promoInput.value;
  });
  const promoError = h(
    'p',
    { id: 'promo-error', class: 'promo-error', role: 'alert' },
    state.promoError,
  );
  const apply = async (event) => {
    event.preventDefault();
    const code = promoInput.value.trim();
    if (!code) {
      state.promoError = 'Enter a promotion code.';
      promoError.textContent = state.promoError;
      return;
    }
    const done = await run(() => cartStore.applyPromotion(code), {
      onError: (message) => {
        state.promoError = message;
        promoError.textContent = message;
      },
    });
    if (done) {
      state.promoText = '';
      state.promoError = '';
      render();
    }
  };

  const promotion = view.promotionCode
    ? h(
        'div',
        { class: 'cart-promotion' },
        icon('tag', { size: 18 }),
        h('p', {}, 'Code ', h('strong', { class: 'mono' }, view.promotionCode), ' applied'),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'aria-label': `Remove the promotion code ${view.promotionCode}`,
            dataset: { focus: 'promo-remove' },
            onclick: () => void run(() => cartStore.removePromotion()),
          },
          'Remove',
        ),
      )
    : h(
        'form',
        { class: 'promo-form', novalidate: true, onsubmit: apply },
        h('label', { class: 'promo-label', for: 'promo-code' }, 'Promotion code'),
        h(
          'div',
          { class: 'promo-row' },
          promoInput,
          h(
            'button',
            {
              type: 'submit',
              class: 'button button-secondary',
              dataset: { focus: 'promo-apply' },
            },
            'Apply',
          ),
        ),
        promoError,
      );

  const amount = (money, prefix = '') =>
    h('dd', { class: 'amount' }, money ? `${prefix}${formatMoney(money)}` : '—');
  return h(
    'aside',
    { class: 'cart-summary', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title', class: 'section-title' }, 'Order summary'),
    promotion,
    h(
      'dl',
      { class: 'cart-totals' },
      h(
        'div',
        { class: 'cart-subtotal' },
        h('dt', {}, `Subtotal (${plural(view.count, 'item')})`),
        amount(view.subtotal),
      ),
      view.discount
        ? h(
            'div',
            { class: 'cart-discount' },
            h('dt', {}, view.promotionCode ? `Discount (${view.promotionCode})` : 'Discount'),
            amount(view.discount, '−'),
          )
        : null,
      h('div', { class: 'cart-total' }, h('dt', {}, 'Total'), amount(view.total)),
    ),
    h('p', { class: 'cart-summary-note' }, 'Shipping and tax are added at checkout.'),
    view.count > 0
      ? h('a', { class: 'button button-large', href: '#/checkout' }, 'Checkout')
      : h('button', { type: 'button', class: 'button button-large', disabled: true }, 'Checkout'),
    h('p', { class: 'cart-status', role: 'status' }, state.status),
  );
}
