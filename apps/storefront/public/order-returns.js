import { ordersApi } from './api.js';
import { formatDate } from './checkout-model.js';
import { h } from './dom.js';
import { field, formAlert } from './forms.js';
import { formatMoney } from './format.js';
import {
  REASON_MAX,
  canReturn,
  itemsSummary,
  returnRequest,
  returnStatusLabel,
  returnableLines,
  validateReturn,
} from './returns-model.js';

/** The order's returns, newest last, each with its status, what it holds and its refund. */
export function returnsList(order, nameOf) {
  const returns = order.returns ?? [];
  if (returns.length === 0) return null;
  const name = (line) => nameOf(line.sku);
  return [
    h('h2', { class: 'section-title', id: 'returns-title', tabindex: '-1' }, 'Returns'),
    h(
      'ul',
      { class: 'return-list', 'aria-labelledby': 'returns-title' },
      returns.map((ret) =>
        h(
          'li',
          { class: 'return-row', dataset: { returnId: ret.id } },
          h(
            'div',
            { class: 'return-head' },
            h(
              'span',
              { class: `status-badge return-${ret.status}` },
              returnStatusLabel(ret.status),
            ),
            h('time', { datetime: ret.createdAt }, formatDate(ret.createdAt)),
            h(
              'span',
              { class: 'amount return-refund' },
              `Refund ${formatMoney(ret.refund) ?? '—'}`,
            ),
          ),
          h('p', { class: 'return-items' }, itemsSummary(ret.lines, name)),
          h('p', { class: 'return-reason muted' }, `Reason: ${ret.reason}`),
        ),
      ),
    ),
  ];
}

/**
 * "Return items", or the open return form, for a delivered order with units left. `state`
 * is the order page's (`order`, and `returning` while the form is open); `render()` redraws
 * the page from it.
 */
export function returnActions({ ctx, container, state, render, nameOf }) {
  if (!canReturn(state.order)) return null;
  if (state.returning)
    return returnForm({
      order: state.order,
      form: state.returning,
      nameOf,
      onSubmit: (event) => void submitReturn(event, { ctx, container, state, render }),
      onCancel: () => {
        state.returning = null;
        render();
        container.querySelector('.return-start')?.focus();
      },
    });
  return h(
    'div',
    { class: 'order-actions' },
    h(
      'button',
      {
        type: 'button',
        class: 'button button-secondary return-start',
        onclick: () => {
          state.returning = { quantities: {}, reason: '', errors: {}, alert: '', busy: false };
          render();
          container.querySelector('.return-form input')?.focus();
        },
      },
      'Return items',
    ),
  );
}

/** Checks the form, then POSTs the return and shows the order again with it. */
async function submitReturn(event, { ctx, container, state, render }) {
  event.preventDefault();
  const form = state.returning;
  if (!form || form.busy) return;
  const returnable = returnableLines(state.order);
  form.alert = '';
  form.errors = validateReturn(form, returnable);
  if (Object.keys(form.errors).length > 0) {
    render();
    container.querySelector('.return-form [aria-invalid="true"], .return-form input')?.focus();
    return;
  }
  form.busy = true;
  render();
  try {
    await ordersApi.requestReturn(state.order.id, returnRequest(form, returnable));
  } catch (error) {
    if (ctx.signal.aborted) return;
    form.busy = false;
    form.alert = error?.message ?? 'We could not request the return. Try again.';
    render();
    container.querySelector('.return-form .form-alert')?.focus();
    return;
  }
  state.returning = null;
  ctx.announce('Your return is requested. We will refund you once the items are back.');
  try {
    state.order = await ordersApi.get(state.order.id, { signal: ctx.signal });
  } catch {
    if (ctx.signal.aborted) return;
    // The return is requested either way; the page just could not read the order again.
    state.alert = 'Your return is requested. Reload the page to see it.';
  }
  render();
  container.querySelector('#returns-title, .form-alert')?.focus();
}

/**
 * The return form of a delivered order: a quantity per line that can still go back (0 to
 * what is left), a reason; the errors of `form.errors` tied to their fields, the API's
 * refusal in `form.alert`.
 */
export function returnForm({ order, form, nameOf, onSubmit, onCancel }) {
  const lines = returnableLines(order).filter((line) => line.left > 0);
  const linesErrorId = 'return-lines-error';
  return h(
    'form',
    {
      class: 'account-form return-form',
      novalidate: true,
      'aria-labelledby': 'return-form-title',
      onsubmit: onSubmit,
    },
    h('h2', { id: 'return-form-title', class: 'section-title' }, 'Return items'),
    withFocus(formAlert(form.alert)),
    h(
      'fieldset',
      {
        class: 'return-lines',
        'aria-describedby': form.errors.lines ? linesErrorId : null,
      },
      h('legend', { class: 'field-label' }, 'How many of each to send back'),
      lines.map((line) => {
        const id = `return-qty-${line.sku}`;
        const node = field({
          id,
          label: `${nameOf(line.sku)} (up to ${line.left})`,
          type: 'number',
          value: form.quantities[line.sku] ?? '0',
          error: form.errors[line.sku],
        });
        const input = node.querySelector('input');
        input.setAttribute('min', '0');
        input.setAttribute('max', String(line.left));
        input.setAttribute('inputmode', 'numeric');
        input.dataset.sku = line.sku;
        input.addEventListener('input', () => {
          form.quantities[line.sku] = input.value;
        });
        return node;
      }),
      form.errors.lines
        ? h('p', { class: 'field-error', id: linesErrorId }, form.errors.lines)
        : null,
    ),
    reasonField(form),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: form.busy ? 'button is-loading' : 'button', disabled: form.busy },
        'Request return',
      ),
      h(
        'button',
        { type: 'button', class: 'button button-secondary', onclick: onCancel },
        'Keep everything',
      ),
    ),
  );
}

function reasonField(form) {
  const error = form.errors.reason;
  const textarea = h(
    'textarea',
    {
      id: 'return-reason',
      name: 'return-reason',
      class: 'field-input field-textarea',
      rows: 3,
      maxlength: REASON_MAX,
      required: true,
      'aria-invalid': error ? 'true' : null,
      'aria-describedby': error ? 'return-reason-error' : null,
    },
    form.reason,
  );
  textarea.addEventListener('input', () => {
    form.reason = textarea.value;
  });
  return h(
    'div',
    { class: error ? 'field has-error' : 'field' },
    h('label', { class: 'field-label', for: 'return-reason' }, 'Why are you returning them?'),
    textarea,
    error ? h('p', { class: 'field-error', id: 'return-reason-error' }, error) : null,
  );
}

function withFocus(alert) {
  if (alert) alert.setAttribute('tabindex', '-1');
  return alert;
}
