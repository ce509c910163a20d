import { formatDate } from './checkout-model.js';
import { h } from './dom.js';
import { field, formAlert } from './forms.js';
import { formatMoney } from './format.js';
import { REASON_MAX, itemsSummary, returnStatusLabel, returnableLines } from './returns-model.js';

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
