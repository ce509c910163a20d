import type { PriceAmounts, PriceTier } from './price.ts';

/** A base price of one tier, as stored. `setId` orders writes: the latest set wins. */
export interface BaseCandidate extends PriceAmounts {
  minQuantity: number;
  setId: string;
}

/** A scheduled price: a window [validFrom, validTo), or with no validTo a scheduled base. */
export interface ScheduleCandidate extends PriceAmounts {
  minQuantity: number;
  setId: string;
  validFrom: number;
  validTo: number | null;
}

export interface EffectivePrices {
  /** The price of one unit (tier 1); undefined when the SKU has none in force. */
  unit?: PriceAmounts;
  /** Tiers above one unit, ascending by minQuantity. */
  tiers: PriceTier[];
}

/**
 * The effective price of every tier of a SKU at `at`. A window in force beats the base;
 * among windows in force, and among the base and started scheduled bases, the latest
 * set wins. Pure: the stores call it when a price is set or a boundary passes.
 */
export function effectivePricesAt(
  bases: readonly BaseCandidate[],
  schedules: readonly ScheduleCandidate[],
  at: number,
): EffectivePrices {
  const byTier = new Map<number, TierCandidates>();
  const slot = (minQuantity: number) => {
    let entry = byTier.get(minQuantity);
    if (!entry) byTier.set(minQuantity, (entry = {}));
    return entry;
  };
  for (const base of bases) keepLatest(slot(base.minQuantity), 'base', base);
  for (const schedule of schedules) {
    if (schedule.validFrom > at) continue;
    if (schedule.validTo === null) keepLatest(slot(schedule.minQuantity), 'base', schedule);
    else if (at < schedule.validTo) keepLatest(slot(schedule.minQuantity), 'window', schedule);
  }
  const result: EffectivePrices = { tiers: [] };
  for (const minQuantity of [...byTier.keys()].sort((a, b) => a - b)) {
    const entry = byTier.get(minQuantity)!;
    const winner = entry.window ?? entry.base;
    if (!winner) continue;
    const amounts = amountsOf(winner);
    if (minQuantity === 1) result.unit = amounts;
    else result.tiers.push({ minQuantity, ...amounts });
  }
  return result;
}

interface TierCandidates {
  window?: BaseCandidate;
  base?: BaseCandidate;
}

function keepLatest(entry: TierCandidates, key: keyof TierCandidates, candidate: BaseCandidate) {
  const held = entry[key];
  if (!held || held.setId < candidate.setId) entry[key] = candidate;
}

export function amountsOf(price: PriceAmounts): PriceAmounts {
  return price.compareAtAmount === undefined
    ? { amount: price.amount }
    : { amount: price.amount, compareAtAmount: price.compareAtAmount };
}

export function sameAmounts(a: PriceAmounts | undefined, b: PriceAmounts | undefined): boolean {
  if (!a || !b) return a === b;
  return a.amount === b.amount && a.compareAtAmount === b.compareAtAmount;
}

export function sameTiers(a: readonly PriceTier[], b: readonly PriceTier[]): boolean {
  return (
    a.length === b.length &&
    a.every((tier, i) => tier.minQuantity === b[i]!.minQuantity && sameAmounts(tier, b[i]))
  );
}
