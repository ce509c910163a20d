/* global EventSource, URLSearchParams, setTimeout, clearTimeout */
import { h } from './dom.js';

/** Below or at this many units a page says "Only N left", unless the SKU has its own threshold. */
export const LOW_STOCK_THRESHOLD = 5;

/** What the badge says about a stock level (`{ available, lowStockThreshold? }`), or unknown. */
export function stockStateOf(level) {
  if (!level || !Number.isInteger(level.available))
    return { kind: 'unknown', text: 'Availability unknown' };
  const threshold = Number.isInteger(level.lowStockThreshold)
    ? level.lowStockThreshold
    : LOW_STOCK_THRESHOLD;
  if (level.available <= 0) return { kind: 'out', text: 'Out of stock' };
  if (level.available <= threshold) return { kind: 'low', text: `Only ${level.available} left` };
  return { kind: 'in', text: 'In stock' };
}

/** Whether `level` should replace `held`: by version when both carry one; a read never
 * replaces a streamed level without a newer version. */
function isNewer(level, held, fromStream) {
  if (Number.isInteger(level.version) && Number.isInteger(held.version))
    return level.version > held.version;
  return fromStream || !held.streamed;
}

/** A live region: screen readers hear the new state when stock changes under the shopper. */
export function stockBadge() {
  return h(
    'p',
    { class: 'stock-badge stock-unknown', role: 'status', 'aria-live': 'polite' },
    'Checking availability…',
  );
}

export function showStock(badge, level) {
  const state = stockStateOf(level);
  badge.className = `stock-badge stock-${state.kind}`;
  if (badge.textContent !== state.text) badge.textContent = state.text;
  return state;
}

/**
 * The stock levels of some SKUs, kept current from the stream. A level replaces the one
 * held only when its `version` is newer (the stream may repeat one after a resume, and the
 * initial read may be older than a streamed change). `load` reads them all (the batch
 * route); it runs at start, after a `reset` and after the stream had to be reopened.
 */
export function liveStock({ skus, load, onChange, signal }) {
  const levels = new Map();
  let source = null;
  let timer = null;

  const apply = (level, fromStream) => {
    if (!level || typeof level.sku !== 'string' || !skus.includes(level.sku)) return;
    const held = levels.get(level.sku);
    if (held && !isNewer(level, held, fromStream)) return;
    // Keeps what only the read carries (the SKU's low-stock threshold) across streamed changes.
    levels.set(level.sku, { ...held, ...level, streamed: fromStream || held?.streamed === true });
    onChange(level.sku);
  };

  let settled = false;
  const refresh = async () => {
    try {
      for (const level of await load()) apply(level, false);
    } catch {
      // keeps what it has; SKUs it has nothing for read as unknown
    }
    if (signal.aborted) return;
    const first = !settled;
    settled = true;
    if (first) for (const sku of skus) if (!levels.has(sku)) onChange(sku);
  };

  const open = () => {
    if (signal.aborted || typeof EventSource === 'undefined') return;
    const query = new URLSearchParams({ skus: skus.join(',') });
    source = new EventSource(`/api/inventory/stream?${query}`);
    source.addEventListener('stock', (event) => {
      try {
        apply(JSON.parse(event.data), true);
      } catch {
        // a frame we cannot read: the next change or a refresh corrects it
      }
    });
    source.addEventListener('reset', () => void refresh());
    source.addEventListener('error', () => {
      // The browser retries by itself while the stream is CONNECTING; CLOSED (an error
      // status such as 503) is final, so open a new one later and read the levels again.
      if (source?.readyState !== EventSource.CLOSED || signal.aborted) return;
      timer = setTimeout(() => {
        open();
        void refresh();
      }, 10_000);
    });
  };

  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    source?.close();
  });
  open();
  void refresh();
  return {
    get: (sku) => levels.get(sku),
    /** False until the first read answered (or failed): nothing is known yet. */
    get settled() {
      return settled || levels.size > 0;
    },
  };
}
