/** The pure rules of returns and order lines in the storefront (ADR 0039). */

/** What a line is called: its name as bought, else a name seen on this page, else the SKU. */
export function lineName(line, seen = null) {
  return line?.name || seen || line?.sku || '';
}

/**
 * The units of each line that can still be returned: ordered, less those already back,
 * less those an open (requested) return already claims; as the orders service counts them.
 */
export function returnableLines(order) {
  const claimed = new Map();
  for (const ret of order?.returns ?? [])
    if (ret.status === 'requested')
      for (const line of ret.lines)
        claimed.set(line.sku, (claimed.get(line.sku) ?? 0) + line.quantity);
  return (order?.lines ?? []).map((line) => ({
    sku: line.sku,
    name: lineName(line),
    left: Math.max(0, line.quantity - (line.returnedQuantity ?? 0) - (claimed.get(line.sku) ?? 0)),
  }));
}

/** Only a delivered order with units left to send back can be returned (API.md). */
export function canReturn(order) {
  return order?.status === 'delivered' && returnableLines(order).some((line) => line.left > 0);
}

export const REASON_MAX = 500;

/**
 * `{ key: message }` for a return form: `quantities` by SKU (strings from the inputs),
 * a reason. Keys are the SKU of a wrong quantity, `lines` when nothing is chosen, `reason`.
 */
export function validateReturn({ quantities, reason }, returnable) {
  const errors = {};
  let chosen = 0;
  for (const line of returnable) {
    const raw = String(quantities[line.sku] ?? '').trim();
    if (raw === '') continue;
    const quantity = Number(raw);
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > line.left)
      errors[line.sku] =
        line.left === 1 ? 'Enter 0 or 1.' : `Enter a whole number from 0 to ${line.left}.`;
    else chosen += quantity;
  }
  if (chosen === 0 && Object.keys(errors).length === 0)
    errors.lines = 'Choose how many of at least one item to return.';
  const text = String(reason ?? '').trim();
  if (!text) errors.reason = 'Tell us why you are returning the items.';
  else if (text.length > REASON_MAX) errors.reason = `Use at most ${REASON_MAX} characters.`;
  return errors;
}

/** The body of POST /orders/{id}/returns: the lines with a quantity, the trimmed reason. */
export function returnRequest({ quantities, reason }, returnable) {
  return {
    lines: returnable
      .map((line) => ({
        sku: line.sku,
        quantity: Number(String(quantities[line.sku] ?? '').trim() || 0),
      }))
      .filter((line) => line.quantity > 0),
    reason: String(reason ?? '').trim(),
  };
}

const RETURN_LABELS = {
  requested: 'Return requested',
  received: 'Received back',
  refunded: 'Refunded',
};

export function returnStatusLabel(status) {
  return RETURN_LABELS[status] ?? String(status ?? '');
}

/** "Brass lamp × 2, Bulb × 1": what an order or a return holds, in words. */
export function itemsSummary(lines, nameOf = (line) => lineName(line)) {
  return (lines ?? []).map((line) => `${nameOf(line)} × ${line.quantity}`).join(', ');
}
