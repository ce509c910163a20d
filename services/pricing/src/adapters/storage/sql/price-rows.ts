import type { Selectable } from 'kysely';
import type { CurrentPrice, PricePeriod, PriceTier } from '../../../domain/price.ts';
import type { PricingSchema } from './schema.ts';

type CurrentRow = Selectable<PricingSchema['current_prices']>;
type HistoryRow = Selectable<PricingSchema['price_history']>;

/** `pg` returns BIGINT as numbers (the kit's parser); SQLite as numbers already. */
const optional = (value: number | null) =>
  value === null ? {} : { compareAtAmount: Number(value) };

export function currentFromRow(row: CurrentRow): CurrentPrice | undefined {
  if (row.amount === null) return undefined;
  return {
    sku: row.sku,
    currency: row.currency,
    amount: Number(row.amount),
    ...optional(row.compare_at_amount),
    lowest30Days: Number(row.lowest_30_days),
    tiers: JSON.parse(row.tiers) as PriceTier[],
    startedAt: Number(row.started_at),
    version: Number(row.version),
  };
}

export function periodFromRow(row: HistoryRow): PricePeriod {
  return {
    amount: Number(row.amount),
    ...optional(row.compare_at_amount),
    lowest30Days: Number(row.lowest_30_days),
    validFrom: Number(row.valid_from),
    validTo: row.valid_to === null ? null : Number(row.valid_to),
  };
}
