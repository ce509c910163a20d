/* global window */
import { accountApi, isAbort, ordersApi } from './api.js';
import { cartStore } from './cart.js';
import { cartErrorMessage } from './cart-model.js';
import {
  ADDRESS_FIELDS,
  addressFromForm,
  addressSummary,
  newIdempotencyKey,
  orderRequest,
  quoteRequest,
  rejectionMessage,
  validateAddress,
} from './checkout-model.js';
import { addressFields } from './address-form.js';
import { fieldErrorsOf } from './address-model.js';
import { emptyState, errorState } from './components.js';
import { h, replace } from './dom.js';
import { field, formAlert, formValues } from './forms.js';
import { formatMoney, plural } from './format.js';
import { navigate } from './router.js';
import { session } from './session.js';

/** `#/checkout` asks a signed-out shopper to sign in or create an account first. */
export function signInPrompt(ctx, { title, next }) {
  ctx.setTitle(title);
  const heading = h('h1', { class: 'state-title', tabindex: '-1' }, title);
  const query = `?next=${encodeURIComponent(next)}`;
  replace(
    ctx.main,
    h(
      'div',
      { class: 'page-narrow' },
      h(
        'div',
        { class: 'state' },
        heading,
        h('p', { class: 'state-detail' }, 'Sign in to continue. Your cart comes with you.'),
        h(
          'div',
          { class: 'state-actions' },
          h('a', { class: 'button', href: `#/signin${query}` }, 'Sign in'),
          h(
            'a',
            { class: 'button button-secondary', href: `#/signup${query}` },
            'Create an account',
          ),
        ),
      ),
    ),
  );
  ctx.focusHeading(heading);
}

/**
 * `#/checkout`: an address (from the address book or a new one), a shipping option for its
 * country, the quote with shipping and tax, a test card token; the order is placed with a
 * fresh Idempotency-Key per attempt and the total the shopper saw as `expectedTotal`.
 */
export async function renderCheckout(ctx) {
  if (!session.signedIn)
    return signInPrompt(ctx, { title: 'Sign in to check out', next: '/checkout' });
  ctx.setTitle('Checkout');
  const title = h('h1', { class: 'page-title', tabindex: '-1' }, 'Checkout');
  const body = h(
    'div',
    { class: 'checkout-body', 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading your cart…'),
  );
  replace(ctx.main, h('div', { class: 'page-checkout' }, title, body));
  ctx.focusHeading(title);

  let cart;
  let addresses;
  try {
    await cartStore.settled();
    [cart, addresses] = await Promise.all([
      cartStore.hasCart ? cartStore.load() : null,
      accountApi.addresses({ signal: ctx.signal }).then((answer) => answer.items),
    ]);
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    replace(
      body,
      errorState({
        title: 'We couldn’t start checkout',
        error: { message: cartErrorMessage(error) },
        onRetry: () => ctx.rerender(),
      }),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  body.removeAttribute('aria-busy');
  if (!cart || cart.items.length === 0) {
    replace(
      body,
      emptyState({
        title: 'Your cart is empty',
        detail: 'Add something to your cart to check out.',
        actions: [h('a', { class: 'button', href: '#/search' }, 'Browse products')],
      }),
    );
    return;
  }

  const state = {
    cart,
    addresses,
    addressChoice: addresses[0]?.id ?? 'new',
    newAddress: { country: 'US' },
    /** A shopper with no saved address keeps the new one unless they say otherwise. */
    saveAddress: addresses.length === 0,
    addressErrors: {},
    options: [],
    optionsFor: '',
    optionsError: '',
    shippingOptionId: '',
    quote: null,
    quoteError: '',
    cardToken: '',
    cardError: '',
    alert: '',
    placing: false,
    /** The key of the attempt under way: kept only to resend the same attempt after a lost answer. */
    attemptKey: null,
  };

  const countryOf = () => {
    if (state.addressChoice !== 'new')
      return state.addresses.find((a) => a.id === state.addressChoice)?.country ?? '';
    const country = String(state.newAddress.country ?? '')
      .trim()
      .toUpperCase();
    return /^[A-Z]{2}$/.test(country) ? country : '';
  };

  let quoteSeq = 0;
  async function loadQuote() {
    const seq = (quoteSeq += 1);
    state.quote = null;
    state.quoteError = '';
    const country = countryOf();
    if (!state.shippingOptionId || !country) return render('summary');
    render('summary');
    try {
      const quote = await ordersApi.quote(
        quoteRequest(
          { ...state.cart, currency: state.cart.subtotal?.currency },
          { shippingOptionId: state.shippingOptionId, country },
        ),
        { signal: ctx.signal },
      );
      if (seq !== quoteSeq || ctx.signal.aborted) return;
      state.quote = quote;
    } catch (error) {
      if (isAbort(error) || seq !== quoteSeq) return;
      state.quoteError = error.message;
    }
    render('summary');
  }

  async function loadOptions() {
    const country = countryOf();
    if (country === state.optionsFor) return loadQuote();
    state.optionsFor = country;
    state.options = [];
    state.optionsError = '';
    state.shippingOptionId = '';
    render('shipping');
    if (!country) return loadQuote();
    try {
      const answer = await ordersApi.shippingOptions(country, { signal: ctx.signal });
      if (ctx.signal.aborted || state.optionsFor !== country) return;
      state.options = answer.items;
      state.shippingOptionId = answer.items[0]?.id ?? '';
      if (answer.items.length === 0) state.optionsError = `We don’t ship to ${country} yet.`;
    } catch (error) {
      if (isAbort(error)) return;
      state.optionsError = error.message;
    }
    render('shipping');
    await loadQuote();
  }

  async function place(event) {
    event.preventDefault();
    if (state.placing || !state.quote) return;
    const form = event.currentTarget;
    state.alert = '';
    let address;
    if (state.addressChoice === 'new') {
      state.saveAddress = Boolean(form.elements.namedItem('save-address')?.checked);
      state.newAddress = { ...state.newAddress, ...pick(formValues(form), ADDRESS_FIELDS) };
      address = addressFromForm(state.newAddress);
      state.addressErrors = validateAddress(address);
    } else state.addressErrors = {};
    state.cardToken = String(formValues(form)['card-token'] ?? '').trim();
    state.cardError = state.cardToken ? '' : 'Enter the card token (tok_visa for a test card).';
    if (Object.keys(state.addressErrors).length > 0 || state.cardError) {
      render('alert', 'address', 'payment');
      ctx.main.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    state.placing = true;
    render('alert', 'address', 'payment', 'summary');
    if (address && state.saveAddress) {
      const saved = await saveAddress(address);
      if (!saved) return;
      address = undefined;
    }
    state.attemptKey ??= newIdempotencyKey(window.crypto);
    try {
      const order = await ordersApi.place(
        orderRequest({
          cartId: state.cart.id,
          address,
          addressId: state.addressChoice === 'new' ? null : state.addressChoice,
          shippingOptionId: state.shippingOptionId,
          quote: state.quote,
          cardToken: state.cardToken,
        }),
        state.attemptKey,
      );
      state.attemptKey = null;
      if (order.status === 'rejected') {
        state.placing = false;
        state.alert = rejectionMessage(order);
        render('alert', 'summary');
        // The cart is kept: read it again, and the quote, in case prices moved.
        state.cart = (await cartStore.load().catch(() => null)) ?? state.cart;
        if (ctx.signal.aborted) return;
        await loadQuote();
        slots.alert.querySelector('.form-alert')?.focus();
        return;
      }
      await cartStore.load().catch(() => undefined);
      navigate(`#/orders/${encodeURIComponent(order.id)}?placed=1`);
    } catch (error) {
      if (ctx.signal.aborted) return;
      state.placing = false;
      // A lost answer (no status) resends the same attempt; a refusal starts a new one.
      if (error?.status) state.attemptKey = null;
      state.alert = error?.message ?? 'We could not place your order. Try again.';
      render('alert', 'summary');
      ctx.main.querySelector('.form-alert')?.focus();
    }
  }

  /**
   * Saves the new address to the address book first (ADR 0039), so the order names it by id;
   * a refusal shows the API's detail and marks the fields it names, and nothing is ordered.
   */
  async function saveAddress(address) {
    try {
      const saved = await accountApi.addAddress(address);
      if (ctx.signal.aborted) return null;
      state.addresses = [...state.addresses, saved];
      state.addressChoice = saved.id;
      state.newAddress = { country: 'US' };
      state.saveAddress = false;
      render('address');
      ctx.announce('Address saved to your address book.');
      return saved;
    } catch (error) {
      if (ctx.signal.aborted) return null;
      state.placing = false;
      state.alert = `We couldn’t save the address: ${error?.message ?? 'try again.'}`;
      state.addressErrors = fieldErrorsOf(error);
      render('alert', 'address', 'summary');
      ctx.main.querySelector('.form-alert')?.focus();
      return null;
    }
  }

  /**
   * The form is built once; each part re-renders on its own, so an answer that arrives while
   * the shopper types (the options, the quote) never replaces the field they are typing in.
   */
  const slots = {
    alert: h('div', { class: 'checkout-alert' }),
    address: h('div', {}),
    shipping: h('div', {}),
    payment: h('div', {}),
    summary: h('div', { class: 'checkout-summary-slot' }),
  };
  const builders = {
    alert: () => formAlert(state.alert),
    address: addressSection,
    shipping: shippingSection,
    payment: paymentSection,
    summary,
  };
  const form = h(
    'form',
    { class: 'checkout-layout', novalidate: true, onsubmit: (event) => void place(event) },
    h(
      'div',
      { class: 'checkout-steps' },
      slots.alert,
      slots.address,
      slots.shipping,
      slots.payment,
    ),
    slots.summary,
  );

  function render(...parts) {
    for (const part of parts.length ? parts : Object.keys(slots))
      replace(slots[part], builders[part]());
    const alert = slots.alert.querySelector('.form-alert');
    if (alert) alert.setAttribute('tabindex', '-1');
    if (form.parentNode !== body) replace(body, form);
  }

  function addressSection() {
    const choices = state.addresses.map((address) =>
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'radio',
          name: 'address',
          value: address.id,
          checked: state.addressChoice === address.id,
          onchange: () => {
            state.addressChoice = address.id;
            render('address');
            void loadOptions();
          },
        }),
        h('span', { class: 'choice-text' }, addressSummary(address)),
      ),
    );
    const newChoice = h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'address',
        value: 'new',
        checked: state.addressChoice === 'new',
        onchange: () => {
          state.addressChoice = 'new';
          render('address');
          void loadOptions();
        },
      }),
      h('span', { class: 'choice-text' }, 'A new address'),
    );
    const fields =
      state.addressChoice === 'new'
        ? [
            addressFields({
              values: state.newAddress,
              errors: state.addressErrors,
              autocompleteSection: 'shipping',
              onInput: (key, value) => {
                state.newAddress[key] = value;
              },
              onCountryChange: () => void loadOptions(),
            }),
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                name: 'save-address',
                checked: state.saveAddress,
                onchange: (event) => {
                  state.saveAddress = event.currentTarget.checked;
                },
              }),
              'Save this address to my address book',
            ),
          ]
        : null;
    return h(
      'fieldset',
      { class: 'checkout-section' },
      h('legend', { class: 'section-title' }, 'Shipping address'),
      state.addresses.length ? h('div', { class: 'choices' }, choices, newChoice) : null,
      fields,
    );
  }

  function shippingSection() {
    const country = countryOf();
    let content;
    if (!country)
      content = h('p', { class: 'muted' }, 'Enter the country to see the shipping options.');
    else if (state.optionsError)
      content = h('p', { class: 'field-error', role: 'alert' }, state.optionsError);
    else if (state.options.length === 0)
      content = h('p', { class: 'muted' }, 'Loading the shipping options…');
    else
      content = h(
        'div',
        { class: 'choices' },
        state.options.map((option) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'radio',
              name: 'shipping',
              value: option.id,
              checked: state.shippingOptionId === option.id,
              onchange: () => {
                state.shippingOptionId = option.id;
                void loadQuote();
              },
            }),
            h(
              'span',
              { class: 'choice-text' },
              h('strong', {}, option.name),
              ` · ${formatMoney({ amount: option.amount, currency: option.currency }) ?? ''}`,
              Number.isInteger(option.estimatedDays)
                ? ` · ${plural(option.estimatedDays, 'day')}`
                : '',
            ),
          ),
        ),
      );
    return h(
      'fieldset',
      { class: 'checkout-section' },
      h('legend', { class: 'section-title' }, 'Shipping option'),
      content,
    );
  }

  function paymentSection() {
    const card = field({
      id: 'card-token',
      label: 'Card token',
      value: state.cardToken,
      error: state.cardError,
      required: true,
      autocomplete: 'off',
      maxlength: 128,
      hint: 'Test cards: tok_visa is approved, tok_declined is declined.',
    });
    const input = card.querySelector('input');
    input.addEventListener('input', () => {
      state.cardToken = input.value;
    });
    return h(
      'fieldset',
      { class: 'checkout-section' },
      h('legend', { class: 'section-title' }, 'Payment'),
      card,
    );
  }

  function summary() {
    const quote = state.quote;
    const row = (className, label, money, prefix = '') =>
      h(
        'div',
        { class: className },
        h('dt', {}, label),
        h('dd', { class: 'amount' }, money ? `${prefix}${formatMoney(money)}` : '—'),
      );
    return h(
      'aside',
      { class: 'cart-summary checkout-summary', 'aria-labelledby': 'checkout-summary-title' },
      h('h2', { id: 'checkout-summary-title', class: 'section-title' }, 'Order summary'),
      h(
        'ul',
        { class: 'checkout-lines', 'aria-label': 'Items' },
        state.cart.items.map((line) =>
          h(
            'li',
            { class: 'checkout-line' },
            h('span', {}, `${line.name} × ${line.quantity}`),
            h('span', { class: 'amount' }, formatMoney(line.lineTotal) ?? '—'),
          ),
        ),
      ),
      h(
        'dl',
        { class: 'cart-totals', 'aria-live': 'polite' },
        row('checkout-subtotal', 'Subtotal', quote?.subtotal ?? state.cart.subtotal),
        (quote?.discount ?? state.cart.discount)?.amount
          ? row(
              'checkout-discount',
              state.cart.promotionCode ? `Discount (${state.cart.promotionCode})` : 'Discount',
              quote?.discount ?? state.cart.discount,
              '−',
            )
          : null,
        row('checkout-shipping', 'Shipping', quote?.shipping),
        row('checkout-tax', 'Tax', quote?.tax),
        row('checkout-total cart-total', 'Total', quote?.total),
      ),
      state.quoteError ? h('p', { class: 'field-error', role: 'alert' }, state.quoteError) : null,
      h(
        'button',
        {
          type: 'submit',
          class: state.placing ? 'button button-large is-loading' : 'button button-large',
          disabled: state.placing || !quote,
        },
        quote ? `Place order · ${formatMoney(quote.total)}` : 'Place order',
      ),
      h('p', { class: 'cart-status', role: 'status' }, state.placing ? 'Placing your order…' : ''),
    );
  }

  render();
  await loadOptions();
}

function pick(values, fields) {
  const picked = {};
  for (const spec of fields) if (spec.key in values) picked[spec.key] = values[spec.key];
  return picked;
}
