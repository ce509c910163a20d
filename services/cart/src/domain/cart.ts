import { CartErrors } from './errors.ts';

/** A line as stored: the product details are the snapshot taken when it was added. */
export interface CartLineRecord {
  id: string;
  sku: string;
  productId: string;
  name: string;
  image: string | null;
  options: Record<string, string>;
  quantity: number;
  addedAt: string;
}

/**
 * A cart as stored. A signed-in customer's cart has `userId`; an anonymous one has the
 * SHA-256 of its token instead (the token itself is never stored). `expiresAt` moves
 * with every change: a cart nobody changes for its TTL is gone.
 */
export interface CartRecord {
  id: string;
  userId: string | null;
  tokenHash: string | null;
  lines: CartLineRecord[];
  promotionCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

/** Limits of one cart and how long an untouched one lives. */
export interface CartRules {
  maxLines: number;
  maxQuantity: number;
  anonymousTtlMs: number;
  userTtlMs: number;
}

/** What a product looks like to the cart: the variant of one SKU. */
export interface ProductSnapshot {
  sku: string;
  productId: string;
  name: string;
  image: string | null;
  options: Record<string, string>;
}

export function isExpired(cart: CartRecord, now: number): boolean {
  return Date.parse(cart.expiresAt) <= now;
}

function ttlOf(cart: Pick<CartRecord, 'userId'>, rules: CartRules): number {
  return cart.userId ? rules.userTtlMs : rules.anonymousTtlMs;
}

export function newCart(
  input: { id: string; userId: string | null; tokenHash: string | null },
  rules: CartRules,
  now: number,
): CartRecord {
  const at = new Date(now).toISOString();
  return {
    ...input,
    lines: [],
    promotionCode: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(now + ttlOf(input, rules)).toISOString(),
  };
}

/** The cart after a change: the next version, touched now, its expiry moved. */
export function touched(cart: CartRecord, rules: CartRules, now: number): CartRecord {
  return {
    ...cart,
    version: cart.version + 1,
    updatedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlOf(cart, rules)).toISOString(),
  };
}

export function checkQuantity(quantity: number, rules: CartRules): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > rules.maxQuantity)
    throw CartErrors.QUANTITY_OUT_OF_RANGE.create(
      `A line holds 1 to ${rules.maxQuantity} units, not ${quantity}`,
      { details: { min: 1, max: rules.maxQuantity } },
    );
}

/** Refuses a line quantity above what is available, naming what is. */
export function checkAvailable(sku: string, wanted: number, available: number): void {
  if (wanted > available)
    throw CartErrors.INSUFFICIENT_STOCK.create(
      `Only ${available} of ${sku} ${available === 1 ? 'is' : 'are'} available, not ${wanted}`,
      { details: { sku, requested: wanted, available } },
    );
}

export function lineOf(cart: CartRecord, itemId: string): CartLineRecord {
  const line = cart.lines.find((candidate) => candidate.id === itemId);
  if (!line) throw CartErrors.ITEM_NOT_FOUND.create(`The cart has no line ${itemId}`);
  return line;
}

/**
 * Adds units of a SKU: into its line when the cart has one (the same SKU is one line),
 * else as a new line. Throws when the line would pass the limits or the availability.
 */
export function addUnits(
  cart: CartRecord,
  input: { product: ProductSnapshot; quantity: number; available: number; newLineId: string },
  rules: CartRules,
  now: number,
): { cart: CartRecord; line: CartLineRecord } {
  checkQuantity(input.quantity, rules);
  const { product } = input;
  const existing = cart.lines.find((line) => line.sku === product.sku);
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  checkQuantity(quantity, rules);
  checkAvailable(product.sku, quantity, input.available);
  if (!existing && cart.lines.length >= rules.maxLines)
    throw CartErrors.TOO_MANY_LINES.create(`A cart holds at most ${rules.maxLines} lines`, {
      details: { maxLines: rules.maxLines },
    });
  const line: CartLineRecord = {
    id: existing?.id ?? input.newLineId,
    sku: product.sku,
    productId: product.productId,
    name: product.name,
    image: product.image,
    options: product.options,
    quantity,
    addedAt: existing?.addedAt ?? new Date(now).toISOString(),
  };
  const lines = existing
    ? cart.lines.map((candidate) => (candidate.id === line.id ? line : candidate))
    : [...cart.lines, line];
  return { cart: touched({ ...cart, lines }, rules, now), line };
}

/** Sets a line's quantity; 0 removes it. More units need `available` (checked by the caller's read). */
export function setQuantity(
  cart: CartRecord,
  input: { itemId: string; quantity: number; available?: number },
  rules: CartRules,
  now: number,
): { cart: CartRecord; line: CartLineRecord | undefined } {
  const current = lineOf(cart, input.itemId);
  if (input.quantity === 0)
    return { cart: removeLine(cart, input.itemId, rules, now), line: undefined };
  checkQuantity(input.quantity, rules);
  if (input.quantity > current.quantity && input.available !== undefined)
    checkAvailable(current.sku, input.quantity, input.available);
  const line = { ...current, quantity: input.quantity };
  const lines = cart.lines.map((candidate) => (candidate.id === line.id ? line : candidate));
  return { cart: touched({ ...cart, lines }, rules, now), line };
}

export function removeLine(
  cart: CartRecord,
  itemId: string,
  rules: CartRules,
  now: number,
): CartRecord {
  lineOf(cart, itemId);
  return touched({ ...cart, lines: cart.lines.filter((line) => line.id !== itemId) }, rules, now);
}

export function withPromotion(
  cart: CartRecord,
  code: string | null,
  rules: CartRules,
  now: number,
): CartRecord {
  return touched({ ...cart, promotionCode: code }, rules, now);
}

export interface MergeOutcome {
  cart: CartRecord;
  /** Per source line: what was asked (target + source) and what the line holds now. */
  lines: { sku: string; requested: number; quantity: number; capped: boolean }[];
}

/**
 * Merges an anonymous cart's lines into the signed-in one (ADR 0026): quantities of the
 * same SKU are summed, then capped by the availability and the line limit; a SKU with
 * nothing available is left out; lines past the cart's line limit are left out. The
 * target keeps its promotion, or takes the source's when it has none.
 */
export function mergeCarts(
  target: CartRecord,
  source: CartRecord,
  available: ReadonlyMap<string, number>,
  input: { newLineId: () => string },
  rules: CartRules,
  now: number,
): MergeOutcome {
  const lines = [...target.lines];
  const report: MergeOutcome['lines'] = [];
  for (const incoming of source.lines) {
    const index = lines.findIndex((line) => line.sku === incoming.sku);
    const before = index >= 0 ? lines[index]!.quantity : 0;
    const requested = before + incoming.quantity;
    const cap = Math.min(rules.maxQuantity, Math.max(before, available.get(incoming.sku) ?? 0));
    const quantity = Math.min(requested, cap);
    report.push({ sku: incoming.sku, requested, quantity, capped: quantity < requested });
    if (index >= 0) lines[index] = { ...lines[index]!, quantity };
    else if (quantity > 0 && lines.length < rules.maxLines)
      lines.push({ ...incoming, id: input.newLineId(), quantity });
    else report[report.length - 1] = { sku: incoming.sku, requested, quantity: 0, capped: true };
  }
  const promotionCode = target.promotionCode ?? source.promotionCode;
  return { cart: touched({ ...target, lines, promotionCode }, rules, now), lines: report };
}
