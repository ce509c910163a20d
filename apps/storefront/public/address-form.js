import { ADDRESS_FIELDS } from './address-model.js';
import { h } from './dom.js';
import { field } from './forms.js';

/**
 * The labelled fields of an address (checkout and the address book), each with its error
 * tied to it. `onInput(key, value)` sees every keystroke, so a re-render elsewhere on the
 * page never loses what is being typed; `onCountryChange` fires when the country is left.
 */
export function addressFields({
  values,
  errors = {},
  idPrefix = '',
  autocompleteSection = '',
  onInput,
  onCountryChange,
}) {
  return h(
    'div',
    { class: 'address-fields' },
    ADDRESS_FIELDS.map((spec) => {
      const node = field({
        id: `${idPrefix}${spec.key}`,
        label: spec.label,
        value: values[spec.key] ?? '',
        error: errors[spec.key],
        required: spec.required,
        autocomplete: [autocompleteSection, spec.autocomplete].filter(Boolean).join(' '),
        maxlength: spec.max,
      });
      const input = node.querySelector('input');
      input.dataset.field = spec.key;
      if (onInput) input.addEventListener('input', () => onInput(spec.key, input.value));
      if (spec.key === 'country' && onCountryChange)
        input.addEventListener('change', () => onCountryChange(input.value));
      return node;
    }),
  );
}

/** The values of an address form's fields, by address key. */
export function addressValues(container) {
  const values = {};
  for (const input of container.querySelectorAll('input[data-field]'))
    values[input.dataset.field] = input.value;
  return values;
}
