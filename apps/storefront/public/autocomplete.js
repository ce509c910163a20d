/* global window, document, AbortController */
import { api, isAbort } from './api.js';
import { h, highlighted, icon, replace } from './dom.js';

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;

/**
 * A WAI-ARIA combobox over the search box: suggestions arrive as you type (debounced, stale
 * answers dropped), arrows move through them, Enter picks one (or searches for the text),
 * Escape closes the list, then clears the box.
 */
export function attachAutocomplete({ form, input, list, onSearch, onProduct }) {
  let options = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  const isOpen = () => !list.hidden;

  function close() {
    window.clearTimeout(timer);
    controller?.abort();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(index) {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, position) => {
      const selected = position === index;
      option.setAttribute('aria-selected', String(selected));
      if (selected) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    });
    if (index < 0) input.removeAttribute('aria-activedescendant');
  }

  function choose(index) {
    const suggestion = options[index];
    if (!suggestion) return;
    close();
    if (suggestion.productId) onProduct(suggestion.productId, suggestion.text);
    else {
      input.value = suggestion.text;
      onSearch(suggestion.text);
    }
  }

  function render(query, suggestions) {
    options = suggestions;
    if (suggestions.length === 0) {
      close();
      return;
    }
    replace(
      list,
      suggestions.map((suggestion, index) =>
        h(
          'li',
          {
            id: `suggestion-${index}`,
            role: 'option',
            'aria-selected': 'false',
            class: 'suggestion',
            onmousedown: (event) => event.preventDefault(),
            onclick: () => choose(index),
            onmousemove: () => active !== index && setActive(index),
          },
          icon(suggestion.productId ? 'tag' : 'search', {
            size: 16,
            className: 'icon suggestion-icon',
          }),
          h('span', { class: 'suggestion-text' }, highlighted(suggestion.text, query)),
          suggestion.productId ? h('span', { class: 'suggestion-kind' }, 'Product') : null,
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(-1);
  }

  async function fetchSuggestions(query) {
    controller?.abort();
    controller = new AbortController();
    try {
      const { suggestions } = await api.suggest(query, { signal: controller.signal });
      // Typing moved on while we waited: this answer is stale.
      if (input.value.trim() !== query || document.activeElement !== input) return;
      render(query, Array.isArray(suggestions) ? suggestions : []);
    } catch (error) {
      if (!isAbort(error)) close(); // suggestions are a nicety: a failure just hides them
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_CHARS) {
      close();
      return;
    }
    timer = window.setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!isOpen()) {
        if (input.value.trim().length >= MIN_CHARS) void fetchSuggestions(input.value.trim());
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const count = options.length;
      // -1 (the text box itself) is part of the cycle, as in most search boxes
      setActive(((active + 1 + step + count + 1) % (count + 1)) - 1);
    } else if (event.key === 'Enter' && isOpen() && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      if (isOpen()) close();
      else input.value = '';
      event.preventDefault();
    } else if (event.key === 'Tab') {
      close();
    }
  });

  input.addEventListener('blur', () => close());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    close();
    onSearch(input.value.trim());
  });

  return { close };
}
