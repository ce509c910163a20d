/* global document, Node */
/**
 * Builds DOM nodes without ever parsing HTML: every string child becomes a text node and
 * every attribute is set with setAttribute, so text from the API cannot become markup.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  setProps(element, props);
  appendChildren(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Our own icons (24×24 stroke paths), never data from the API. */
const ICONS = {
  search: ['M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14', 'M20 20l-4.2-4.2'],
  chevron: ['M9 6l6 6l-6 6'],
  chevronDown: ['M6 9l6 6l6-6'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  alert: ['M12 3l9.5 17h-19z', 'M12 10v4', 'M12 17.2v.1'],
  box: ['M3.5 7.5L12 3l8.5 4.5v9L12 21l-8.5-4.5z', 'M3.5 7.5L12 12l8.5-4.5', 'M12 12v9'],
  arrow: ['M5 12h14', 'M13 6l6 6l-6 6'],
  tag: ['M3 12V4h8l9 9l-8 8z', 'M7.5 7.5v.1'],
  truck: [
    'M2 6h11v10H2z',
    'M13 10h4l4 3v3h-8',
    'M6 19a2 2 0 1 0 0-4a2 2 0 1 0 0 4',
    'M17 19a2 2 0 1 0 0-4a2 2 0 1 0 0 4',
  ],
  shield: ['M12 3l8 3v6c0 4.5-3.4 8-8 9c-4.6-1-8-4.5-8-9V6z', 'M8.5 12l2.5 2.5l4.5-5'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
};

export function icon(name, { size = 20, className = 'icon' } = {}) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name] ?? []) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** Replaces the children of an element. */
export function replace(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
  return element;
}

/** Text with every occurrence of the query's words wrapped in <mark>, as text nodes. */
export function highlighted(text, query) {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return [text];
  const lower = text.toLowerCase();
  const marked = new Array(text.length).fill(false);
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) {
      marked.fill(true, at, at + word.length);
    }
  }
  const parts = [];
  let start = 0;
  for (let index = 1; index <= text.length; index += 1) {
    if (index === text.length || marked[index] !== marked[start]) {
      const piece = text.slice(start, index);
      parts.push(marked[start] ? h('mark', {}, piece) : piece);
      start = index;
    }
  }
  return parts;
}

function setProps(element, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'style') {
      for (const [property, styleValue] of Object.entries(value))
        element.style.setProperty(property, styleValue);
    } else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
