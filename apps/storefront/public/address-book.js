import { accountApi, isAbort } from './api.js';
import { addressFields, addressValues } from './address-form.js';
import {
  addressFromForm,
  addressPatch,
  addressSummary,
  fieldErrorsOf,
  validateAddress,
} from './address-model.js';
import { signInPrompt } from './checkout-page.js';
import { errorState } from './components.js';
import { h, replace } from './dom.js';
import { formAlert } from './forms.js';
import { session } from './session.js';

/**
 * `#/account/addresses` (ADR 0039): the signed-in customer's address book. Add, edit and
 * delete; the form checks each field as accounts does, and a refusal shows the API's
 * `detail` (and marks the fields it names). Edits and deletes send the version as
 * If-Match, so a change made in another tab is reported, never overwritten.
 */
export async function renderAddressBook(ctx) {
  if (!session.signedIn)
    return signInPrompt(ctx, {
      title: 'Sign in to see your addresses',
      next: '/account/addresses',
    });
  ctx.setTitle('Your addresses');
  const title = h('h1', { class: 'page-title', tabindex: '-1' }, 'Your addresses');
  const body = h(
    'div',
    { 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading your addresses…'),
  );
  replace(ctx.main, h('div', { class: 'page-addresses page-narrow' }, title, body));
  ctx.focusHeading(title);

  const state = {
    addresses: [],
    /** null, 'new', or the id of the address being edited. */
    editing: null,
    values: {},
    errors: {},
    alert: '',
    busy: false,
    confirmDelete: null,
    status: '',
  };

  async function load() {
    state.addresses = (await accountApi.addresses({ signal: ctx.signal })).items;
  }

  try {
    await load();
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    body.removeAttribute('aria-busy');
    replace(
      body,
      errorState({
        title: 'We couldn’t load your addresses',
        error,
        onRetry: () => ctx.rerender(),
      }),
    );
    return;
  }
  body.removeAttribute('aria-busy');
  if (state.addresses.length === 0) {
    state.editing = 'new';
    state.values = { country: 'US' };
  }

  function edit(target) {
    state.editing = target;
    state.status = '';
    const current = state.addresses.find((address) => address.id === target);
    state.values = current ? { ...current } : { country: 'US' };
    state.errors = {};
    state.alert = '';
    state.confirmDelete = null;
    render();
    body.querySelector('.address-form input')?.focus();
  }

  async function save(event) {
    event.preventDefault();
    if (state.busy) return;
    const form = event.currentTarget;
    state.values = { ...state.values, ...addressValues(form) };
    const address = addressFromForm(state.values);
    state.errors = validateAddress(address);
    state.alert = '';
    if (Object.keys(state.errors).length > 0) {
      render();
      body.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const current = state.addresses.find((entry) => entry.id === state.editing);
    state.busy = true;
    render();
    try {
      if (current) {
        const patch = addressPatch(addressFromForm(current), address);
        if (Object.keys(patch).length > 0)
          await accountApi.updateAddress(current.id, patch, current.version);
      } else await accountApi.addAddress(address);
      await load();
      state.editing = null;
      state.status = current ? 'Address updated.' : 'Address saved.';
      ctx.announce(state.status);
      state.busy = false;
      render();
      title.focus({ preventScroll: true });
    } catch (error) {
      if (ctx.signal.aborted) return;
      state.busy = false;
      state.alert = refusalOf(error);
      state.errors = fieldErrorsOf(error);
      if (error?.status === 412) await load().catch(() => undefined);
      render();
      body.querySelector('.address-form .form-alert')?.focus();
    }
  }

  async function remove(address) {
    state.busy = true;
    state.alert = '';
    render();
    try {
      await accountApi.removeAddress(address.id, address.version);
      await load();
      state.status = 'Address deleted.';
      ctx.announce(state.status);
    } catch (error) {
      if (ctx.signal.aborted) return;
      state.alert = refusalOf(error);
      await load().catch(() => undefined);
    }
    state.busy = false;
    state.confirmDelete = null;
    render();
    (body.querySelector('.form-alert') ?? title).focus({ preventScroll: true });
  }

  function card(address) {
    const summary = addressSummary(address);
    const confirming = state.confirmDelete === address.id;
    const city = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
    return h(
      'li',
      { class: 'address-card', dataset: { addressId: address.id } },
      h(
        'address',
        { class: 'address-text' },
        h('strong', {}, address.name),
        h('span', {}, address.line1),
        address.line2 ? h('span', {}, address.line2) : null,
        h('span', {}, `${city}, ${address.country}`),
        address.phone ? h('span', { class: 'muted' }, address.phone) : null,
      ),
      h(
        'div',
        { class: 'address-actions' },
        confirming
          ? [
              h('p', { id: `delete-${address.id}` }, 'Delete this address?'),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button',
                  disabled: state.busy,
                  'aria-describedby': `delete-${address.id}`,
                  onclick: () => void remove(address),
                },
                'Yes, delete',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-secondary',
                  onclick: () => {
                    state.confirmDelete = null;
                    render();
                  },
                },
                'Keep it',
              ),
            ]
          : [
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-secondary',
                  'aria-label': `Edit ${summary}`,
                  disabled: state.busy,
                  onclick: () => edit(address.id),
                },
                'Edit',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-ghost',
                  'aria-label': `Delete ${summary}`,
                  disabled: state.busy,
                  onclick: () => {
                    state.confirmDelete = address.id;
                    state.editing = null;
                    state.status = '';
                    render();
                    body.querySelector('.address-actions .button')?.focus();
                  },
                },
                'Delete',
              ),
            ],
      ),
    );
  }

  function form() {
    const isNew = state.editing === 'new';
    const heading = isNew ? 'New address' : 'Edit address';
    return h(
      'form',
      {
        class: 'account-form address-form',
        novalidate: true,
        'aria-labelledby': 'address-form-title',
        onsubmit: (event) => void save(event),
      },
      h('h2', { id: 'address-form-title', class: 'section-title' }, heading),
      withFocus(formAlert(state.alert)),
      addressFields({
        values: state.values,
        errors: state.errors,
        idPrefix: 'address-',
        onInput: (key, value) => {
          state.values[key] = value;
        },
      }),
      h(
        'div',
        { class: 'form-actions' },
        h(
          'button',
          {
            type: 'submit',
            class: state.busy ? 'button is-loading' : 'button',
            disabled: state.busy,
          },
          isNew ? 'Save address' : 'Save changes',
        ),
        state.addresses.length > 0
          ? h(
              'button',
              {
                type: 'button',
                class: 'button button-secondary',
                onclick: () => {
                  state.editing = null;
                  state.alert = '';
                  render();
                  body.querySelector('.address-add')?.focus();
                },
              },
              'Cancel',
            )
          : null,
      ),
    );
  }

  function render() {
    replace(
      body,
      // Shown here, announced through the page's one live region (ctx.announce).
      state.status ? h('p', { class: 'address-status' }, state.status) : null,
      state.editing === null ? withFocus(formAlert(state.alert)) : null,
      state.addresses.length > 0
        ? h(
            'ul',
            { class: 'address-book', 'aria-label': 'Saved addresses' },
            state.addresses.map(card),
          )
        : h(
            'p',
            { class: 'muted' },
            'You have no saved addresses yet. Add one to check out faster.',
          ),
      state.editing !== null
        ? form()
        : h(
            'button',
            {
              type: 'button',
              class: 'button address-add',
              disabled: state.busy,
              onclick: () => edit('new'),
            },
            'Add an address',
          ),
    );
  }

  render();
}

/** A refusal in words: the API's `detail`, or what to do about a change made elsewhere. */
function refusalOf(error) {
  if (error?.status === 412)
    return 'This address was changed elsewhere. We loaded the latest version; try again.';
  return error?.message ?? 'We could not save the address. Try again.';
}

function withFocus(alert) {
  if (alert) alert.setAttribute('tabindex', '-1');
  return alert;
}
