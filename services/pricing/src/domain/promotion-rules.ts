import type { Promotion } from './promotion.ts';

/** Why a promotion does not apply, as quotes report it in the problem's `reason`. */
export type PromotionRefusal =
  | 'unknown_code'
  | 'not_started'
  | 'ended'
  | 'currency_mismatch'
  | 'below_min_subtotal'
  | 'no_qualifying_item'
  | 'exhausted'
  | 'per_customer_limit';

/** A line priced at its tier's unit price, with the categories of its SKU (local copy). */
export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  categoryIds: readonly string[];
}

/** Before `startsAt`, or at or after `endsAt` (exclusive), by the injected clock. */
export function activityRefusal(
  promotion: Pick<Promotion, 'startsAt' | 'endsAt'>,
  now: number,
): 'not_started' | 'ended' | undefined {
  if (promotion.startsAt !== null && now < promotion.startsAt) return 'not_started';
  if (promotion.endsAt !== null && now >= promotion.endsAt) return 'ended';
  return undefined;
}

export interface Usage {
  /** Active redemptions of the promotion. */
  used: number;
  /** Active redemptions by the customer, when one is named. */
  customerUses?: number;
}

/** Whether one more use is allowed: the total limit first, then the customer's. */
export function usageRefusal(
  promotion: Pick<Promotion, 'usageLimit' | 'perCustomerLimit'>,
  usage: Usage,
): 'exhausted' | 'per_customer_limit' | undefined {
  if (promotion.usageLimit !== null && usage.used >= promotion.usageLimit) return 'exhausted';
  if (
    promotion.perCustomerLimit !== null &&
    usage.customerUses !== undefined &&
    usage.customerUses >= promotion.perCustomerLimit
  )
    return 'per_customer_limit';
  return undefined;
}

export function qualifies(promotion: Pick<Promotion, 'appliesTo'>, line: PricedLine): boolean {
  const { skus, categoryIds } = promotion.appliesTo;
  if (skus.length === 0 && categoryIds.length === 0) return true;
  return skus.includes(line.sku) || line.categoryIds.some((id) => categoryIds.includes(id));
}

export type DiscountOutcome =
  | { applies: true; perLine: number[]; total: number }
  | { applies: false; reason: PromotionRefusal };

/**
 * The discount of each line (in the order given) under the promotion, or why it does not
 * apply. Usage limits are checked by the caller, which knows the counts.
 */
export function discountLines(
  promotion: Promotion,
  lines: readonly PricedLine[],
  context: { currency: string; now: number },
): DiscountOutcome {
  const inactive = activityRefusal(promotion, context.now);
  if (inactive) return { applies: false, reason: inactive };
  if (promotion.currency !== null && promotion.currency !== context.currency)
    return { applies: false, reason: 'currency_mismatch' };
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (promotion.minSubtotal !== null && subtotal < promotion.minSubtotal)
    return { applies: false, reason: 'below_min_subtotal' };
  const perLine = discountsByKind(promotion, lines);
  const total = perLine.reduce((sum, amount) => sum + amount, 0);
  if (total === 0) return { applies: false, reason: 'no_qualifying_item' };
  return { applies: true, perLine, total };
}

function discountsByKind(promotion: Promotion, lines: readonly PricedLine[]): number[] {
  const qualifying = lines.map((line) => qualifies(promotion, line));
  const totals = lines.map((line, i) => (qualifying[i] ? line.unitPrice * line.quantity : 0));
  switch (promotion.kind) {
    case 'percent':
      // Rounded per line, so the lines always add up to the quote's discount.
      return totals.map((total) => Math.round((total * promotion.value) / 100));
    case 'fixed':
      return allocate(
        Math.min(
          promotion.value,
          totals.reduce((a, b) => a + b, 0),
        ),
        totals,
      );
    case 'buy_x_get_y':
      return freeUnitDiscounts(promotion, lines, qualifying);
  }
}

/**
 * Splits `amount` over lines in proportion to `weights` (largest remainder), so the parts
 * are whole minor units that add up exactly and none exceeds its weight.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || amount === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (amount * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Buy X get Y: of every X+Y qualifying units, Y are discounted by `value` percent, and
 * those are the cheapest qualifying units of the quote (the shop gives away the least).
 */
function freeUnitDiscounts(
  promotion: Promotion,
  lines: readonly PricedLine[],
  qualifying: readonly boolean[],
): number[] {
  const buy = promotion.buyQuantity ?? 1;
  const get = promotion.getQuantity ?? 1;
  const units = lines.reduce((sum, line, i) => sum + (qualifying[i] ? line.quantity : 0), 0);
  let free = Math.floor(units / (buy + get)) * get;
  const perLine = lines.map(() => 0);
  const cheapestFirst = lines
    .map((line, index) => ({ line, index }))
    .filter(({ index }) => qualifying[index])
    .sort((a, b) => a.line.unitPrice - b.line.unitPrice || a.index - b.index);
  for (const { line, index } of cheapestFirst) {
    if (free === 0) break;
    const taken = Math.min(free, line.quantity);
    perLine[index] = Math.round((taken * line.unitPrice * promotion.value) / 100);
    free -= taken;
  }
  return perLine;
}
