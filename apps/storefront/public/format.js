const LOCALE = 'en-US';

/** `{ amount: 1999, currency: 'USD' }` (minor units) → `$19.99`; null when there is no price. */
export function formatMoney(money) {
  if (!money || typeof money.amount !== 'number' || typeof money.currency !== 'string') return null;
  try {
    const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: money.currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(money.amount / 10 ** digits);
  } catch {
    return null;
  }
}

/** Price facet buckets carry no currency; the catalog prices in USD minor units. */
export function priceRangeLabel(from, to) {
  const money = (amount) => formatMoney({ amount, currency: 'USD' }).replace(/\.00$/, '');
  if (!from && to !== null && to !== undefined) return `Under ${money(to)}`;
  if (to === null || to === undefined) return `${money(from)} and up`;
  return `${money(from)} – ${money(to)}`;
}

const UNITS = {
  Grams: 'g',
  Hours: 'h',
  Years: 'years',
  Inches: '″',
  Hz: 'Hz',
  Liters: 'L',
  Lbs: 'lb',
  Gsm: 'gsm',
  Btu: 'BTU',
  Mm: 'mm',
  F: '°F',
};

const LABELS = {
  batteryHours: 'Battery life',
  screenInches: 'Screen size',
  paperGsm: 'Paper weight',
  ovenSafeF: 'Oven safe to',
  maxDpi: 'Max DPI',
  usbCPowerDelivery: 'USB-C power delivery',
  rValue: 'R-value',
};

const ACRONYMS = new Set(['usb', 'hdr', 'rgb', 'dpi', 'bpa', 'led', 'lcd', 'gps', 'uv', 'ip']);

function splitWords(key) {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/);
}

function sentence(words) {
  const text = words
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unitOf(key) {
  const suffix = Object.keys(UNITS).find(
    (unit) =>
      key.endsWith(unit) && key.length > unit.length && /[a-z0-9]/.test(key.at(-unit.length - 1)),
  );
  return suffix ? { suffix, unit: UNITS[suffix] } : null;
}

/** `weightGrams` → `Weight`, `noiseCancelling` → `Noise cancelling`. */
export function labelOf(key) {
  if (LABELS[key]) return LABELS[key];
  const unit = unitOf(key);
  return sentence(splitWords(unit ? key.slice(0, -unit.suffix.length) : key));
}

/** `(weightGrams, 250)` → `250 g`, booleans → Yes / No. */
export function valueOf(key, value) {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    const unit = unitOf(key)?.unit;
    const number = value.toLocaleString(LOCALE);
    if (!unit) return number;
    if (unit === 'years') return `${number} ${value === 1 ? 'year' : 'years'}`;
    return unit === '″' ? `${number}${unit}` : `${number} ${unit}`;
  }
  if (Array.isArray(value)) return value.map((item) => valueOf(key, item)).join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stable hue per word, for the placeholder art of products without photos. */
export function hueOf(text) {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 360;
}

export function initialsOf(text) {
  const words = text.split(/[\s&+-]+/).filter((word) => /^\p{L}/u.test(word));
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0]?.[0] ?? '?');
  return letters.toUpperCase();
}

export function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString(LOCALE)} ${count === 1 ? one : many}`;
}

/** Only http(s) or same-origin image URLs make it into an `src`. */
export function safeImageUrl(url) {
  if (typeof url !== 'string' || url.length === 0) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}
