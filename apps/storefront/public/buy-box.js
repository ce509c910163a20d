import { cartStore } from './cart.js';
import { cartErrorMessage } from './cart-model.js';
import { h, icon, replace } from './dom.js';

const QUANTITIES = 10;

/**
 * The product page's "Add to cart": a quantity, the button, and what happened (added, or
 * why not: the available quantity on a 409, the reason on a 422, "try again" on a 503),
 * told to screen readers through a polite status. `chosenSku()` is the variant picked now.
 */
export function buyBox(ctx, chosenSku) {
  const quantity = h(
    'select',
    { id: 'buy-quantity', class: 'select buy-quantity', name: 'quantity' },
    Array.from({ length: QUANTITIES }, (_, index) =>
      h('option', { value: String(index + 1) }, String(index + 1)),
    ),
  );
  const button = h('button', { type: 'submit', class: 'button button-large' }, 'Add to cart');
  const status = h('p', { class: 'buy-status', role: 'status' });
  let busy = false;

  const show = (kind, ...content) => {
    status.className = kind ? `buy-status buy-status-${kind}` : 'buy-status';
    replace(status, ...content);
  };

  const add = async (event) => {
    event.preventDefault();
    const sku = chosenSku();
    if (busy || !sku) return;
    busy = true;
    button.classList.add('is-loading');
    button.setAttribute('aria-disabled', 'true');
    show(null);
    try {
      await cartStore.add(sku, Number(quantity.value));
      if (ctx.signal.aborted) return;
      show(
        'ok',
        icon('shield', { size: 18 }),
        'Added to your cart. ',
        h('a', { href: '#/cart' }, 'View cart'),
      );
    } catch (error) {
      if (ctx.signal.aborted) return;
      show('error', icon('alert', { size: 18 }), cartErrorMessage(error));
    } finally {
      busy = false;
      button.classList.remove('is-loading');
      button.removeAttribute('aria-disabled');
    }
  };

  const element = h(
    'form',
    { class: 'buy', novalidate: true, onsubmit: (event) => void add(event) },
    h(
      'div',
      { class: 'buy-row' },
      h(
        'div',
        { class: 'buy-field' },
        h('label', { class: 'buy-label', for: 'buy-quantity' }, 'Quantity'),
        quantity,
      ),
      button,
    ),
    status,
  );

  return {
    element,
    /** A new variant was picked: what was said about the last one no longer holds. */
    reset() {
      if (!busy) show(null);
    },
  };
}
