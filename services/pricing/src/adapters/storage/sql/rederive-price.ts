import { appendToOutbox, newId } from '@emporium/kit';
import { PRICING_SOURCE, PriceChangedV1, type EffectivePricePayload } from '@emporium/contracts';
import {
  effectivePricesAt,
  sameAmounts,
  sameTiers,
  type EffectivePrices,
} from '../../../domain/effective-price.ts';
import { OMNIBUS_WINDOW_MS, type CurrentPrice, type PriceAmounts } from '../../../domain/price.ts';
import { currentFromRow } from './price-rows.ts';
import type { PricingTransaction } from './schema.ts';

export interface RederiveResult {
  current: CurrentPrice | undefined;
  /** True when the effective unit price changed (an event was appended). */
  changed: boolean;
}

/**
 * Re-derives the effective prices of (sku, currency) at `at` from its bases and
 * schedules, inside the caller's transaction (which holds the key's lock). When the unit
 * price changed it closes the history period, opens the next one with its lowest price
 * of the previous 30 days, and appends `pricing.price.changed`; tiers alone only bump the
 * version.
 */
export async function rederivePrice(
  trx: PricingTransaction,
  sku: string,
  currency: string,
  requestedAt: number,
): Promise<RederiveResult> {
  const row = await trx
    .selectFrom('current_prices')
    .selectAll()
    .where('currency', '=', currency)
    .where('sku', '=', sku)
    .executeTakeFirst();
  // A boundary applied late (a lagging replica) never rewinds a price a PUT set after it:
  // history stays in order, and the state derived is the one of that later moment.
  const at = Math.max(requestedAt, Number(row?.started_at ?? requestedAt));
  const derived = await deriveAt(trx, sku, currency, at);
  const before = row ? currentFromRow(row) : undefined;
  const unitChanged = !sameAmounts(before, derived.unit);
  if (!unitChanged && sameTiers(before?.tiers ?? [], derived.tiers))
    return { current: before, changed: false };
  const version = Number(row?.version ?? 0) + 1;
  if (!unitChanged) {
    await trx
      .updateTable('current_prices')
      .set({ tiers: JSON.stringify(derived.tiers), version })
      .where('currency', '=', currency)
      .where('sku', '=', sku)
      .execute();
    return { current: { ...before!, tiers: derived.tiers, version }, changed: false };
  }
  await trx
    .updateTable('price_history')
    .set({ valid_to: at })
    .where('sku', '=', sku)
    .where('currency', '=', currency)
    .where('valid_to', 'is', null)
    .execute();
  const current = derived.unit
    ? await openPeriod(trx, { sku, currency, at, version, unit: derived.unit, derived })
    : undefined;
  const values = {
    amount: current?.amount ?? null,
    compare_at_amount: current?.compareAtAmount ?? null,
    lowest_30_days: current?.lowest30Days ?? 0,
    tiers: JSON.stringify(derived.tiers),
    started_at: at,
    version,
  };
  await trx
    .insertInto('current_prices')
    .values({ sku, currency, ...values })
    .onConflict((oc) => oc.columns(['currency', 'sku']).doUpdateSet(values))
    .execute();
  const event = PriceChangedV1.create({
    source: PRICING_SOURCE,
    subject: sku,
    time: at,
    data: {
      sku,
      currency,
      previous: before ? payloadOf(before) : null,
      current: current ? payloadOf(current) : null,
      at: new Date(at).toISOString(),
    },
  });
  await appendToOutbox(trx, [event], at);
  return { current, changed: true };
}

async function deriveAt(
  trx: PricingTransaction,
  sku: string,
  currency: string,
  at: number,
): Promise<EffectivePrices> {
  const [bases, schedules] = await Promise.all([
    trx
      .selectFrom('price_bases')
      .selectAll()
      .where('sku', '=', sku)
      .where('currency', '=', currency)
      .execute(),
    trx
      .selectFrom('price_schedules')
      .selectAll()
      .where('sku', '=', sku)
      .where('currency', '=', currency)
      .where('valid_from', '<=', at)
      .execute(),
  ]);
  return effectivePricesAt(
    bases.map((row) => ({
      minQuantity: Number(row.min_quantity),
      setId: row.set_id,
      ...amounts(row.amount, row.compare_at_amount),
    })),
    schedules.map((row) => ({
      minQuantity: Number(row.min_quantity),
      setId: row.id,
      validFrom: Number(row.valid_from),
      validTo: row.valid_to === null ? null : Number(row.valid_to),
      ...amounts(row.amount, row.compare_at_amount),
    })),
    at,
  );
}

/** The new history period, with the lowest price of the 30 days before `at` (EU Omnibus). */
async function openPeriod(
  trx: PricingTransaction,
  period: {
    sku: string;
    currency: string;
    at: number;
    version: number;
    unit: PriceAmounts;
    derived: EffectivePrices;
  },
): Promise<CurrentPrice> {
  const { sku, currency, at, unit } = period;
  const lowest = await trx
    .selectFrom('price_history')
    .select((eb) => eb.fn.min('amount').as('lowest'))
    .where('sku', '=', sku)
    .where('currency', '=', currency)
    .where('valid_to', '>', at - OMNIBUS_WINDOW_MS)
    .where('valid_from', '<', at)
    .executeTakeFirst();
  // No earlier price in the window: the new price is its own reference.
  const lowest30Days = lowest?.lowest == null ? unit.amount : Number(lowest.lowest);
  await trx
    .insertInto('price_history')
    .values({
      id: newId('prh', at),
      sku,
      currency,
      amount: unit.amount,
      compare_at_amount: unit.compareAtAmount ?? null,
      lowest_30_days: lowest30Days,
      valid_from: at,
      valid_to: null,
    })
    .execute();
  return {
    sku,
    currency,
    ...unit,
    lowest30Days,
    tiers: period.derived.tiers,
    startedAt: at,
    version: period.version,
  };
}

function amounts(amount: number, compareAt: number | null): PriceAmounts {
  return compareAt === null
    ? { amount: Number(amount) }
    : { amount: Number(amount), compareAtAmount: Number(compareAt) };
}

function payloadOf(price: CurrentPrice): EffectivePricePayload {
  return {
    ...amounts(price.amount, price.compareAtAmount ?? null),
    lowest30Days: price.lowest30Days,
  };
}
