import { h } from './dom.js';

/**
 * A labelled input with its error message tied to it (aria-describedby, aria-invalid), so a
 * screen reader reads the label, the value and what is wrong.
 */
export function field({
  id,
  label,
  type = 'text',
  value = '',
  error = '',
  required = false,
  autocomplete,
  maxlength,
  hint,
}) {
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {
    id,
    name: id,
    type,
    class: 'field-input',
    value,
    required,
    autocomplete,
    maxlength,
    'aria-invalid': error ? 'true' : null,
    'aria-describedby': [hintId, error ? errorId : null].filter(Boolean).join(' ') || null,
  });
  return h(
    'div',
    { class: error ? 'field has-error' : 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    input,
    error ? h('p', { class: 'field-error', id: errorId }, error) : null,
  );
}

/** The values of a form's named inputs. */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) if (element.name) values[element.name] = element.value;
  return values;
}

/** A form-level alert (role="alert": read out as soon as it appears). */
export function formAlert(message) {
  return message ? h('div', { class: 'form-alert', role: 'alert' }, message) : null;
}
