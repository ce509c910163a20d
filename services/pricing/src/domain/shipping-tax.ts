import { defineErrors } from '@emporium/kit/domain';
import { PromotionErrors } from './promotion-errors.ts';

/**
 * Shipping options and tax rates: data (ADR 0029), checked once at start. Amounts are
 * minor units; a tax rate is in basis points (2000 = 20 %), prices are tax-exclusive.
 */
export interface ShippingRate {
  amount: number;
  /** Shipping is free when the merchandise (subtotal minus discount) reaches this. */
  freeOver?: number;
}

export interface ShippingOption {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 destinations it serves. */
  countries: string[];
  /** Business days to arrive, at most. */
  estimatedDays: number;
  /** The rate per currency; a currency without one cannot be shipped with this option. */
  rates: Record<string, ShippingRate>;
}

export interface RateTable {
  shipping: ShippingOption[];
  /** Country → basis points; a country missing here is not sold to. */
  tax: Record<string, number>;
  /** Countries whose tax applies to the shipping charge too (VAT in the EU and the UK). */
  shippingTaxed?: string[];
}

export const ShippingTaxErrors = defineErrors('PRICING', {
  COUNTRY_UNSUPPORTED: {
    kind: 'unprocessable',
    title: 'Nothing is sold to that country (no tax rate is configured for it)',
  },
  COUNTRY_REQUIRED: {
    kind: 'unprocessable',
    title: 'A shipping option needs the destination country',
  },
});

/** Upper-cases a country code; undefined stays undefined. */
export const normalizeCountry = (country: string | undefined) => country?.toUpperCase();

/** The tax rate of `country` in basis points; refuses a country that is not sold to. */
export function taxRateOf(table: RateTable, country: string): number {
  const rate = table.tax[country];
  if (rate === undefined)
    throw ShippingTaxErrors.COUNTRY_UNSUPPORTED.create(`Nothing is sold to ${country}`, {
      details: { country },
    });
  return rate;
}

/** Whether `country`'s tax applies to the shipping charge as well as to the goods. */
export function taxesShipping(table: RateTable, country: string): boolean {
  return table.shippingTaxed?.includes(country) ?? false;
}

/** The options that ship to `country` in `currency`, in table order. */
export function shippingOptionsFor(
  table: RateTable,
  country: string,
  currency: string,
): { option: ShippingOption; rate: ShippingRate }[] {
  taxRateOf(table, country);
  return table.shipping.flatMap((option) => {
    const rate = option.rates[currency];
    return option.countries.includes(country) && rate ? [{ option, rate }] : [];
  });
}

/** The option `id` for `country` and `currency`, or PRICING.SHIPPING_UNKNOWN. */
export function shippingOptionOf(
  table: RateTable,
  id: string,
  country: string,
  currency: string,
): { option: ShippingOption; rate: ShippingRate } {
  const found = shippingOptionsFor(table, country, currency).find(({ option }) => option.id === id);
  if (!found)
    throw PromotionErrors.SHIPPING_UNKNOWN.create(
      `No shipping option ${id} to ${country} in ${currency}`,
      { details: { shippingOptionId: id, country, currency } },
    );
  return found;
}

/** What the option costs for a merchandise total (subtotal minus discount). */
export function shippingCharge(rate: ShippingRate, merchandise: number): number {
  return rate.freeOver !== undefined && merchandise >= rate.freeOver ? 0 : rate.amount;
}

/** Tax of one amount, rounded half up to a whole minor unit. */
export function taxOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

/**
 * Problems of a rate table (empty when it is sound): ids unique, countries two upper-case
 * letters, amounts and rates non-negative integers, every option's countries and every
 * country that taxes shipping taxed.
 */
export function rateTableProblems(table: RateTable): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [country, rate] of Object.entries(table.tax)) {
    if (!/^[A-Z]{2}$/.test(country)) problems.push(`tax: "${country}" is not a country code`);
    if (!Number.isInteger(rate) || rate < 0 || rate > 10_000)
      problems.push(`tax ${country}: ${rate} is not 0..10000 basis points`);
  }
  for (const country of table.shippingTaxed ?? [])
    if (table.tax[country] === undefined)
      problems.push(`shippingTaxed: ${country} has no tax rate`);
  for (const option of table.shipping) {
    if (ids.has(option.id)) problems.push(`shipping ${option.id} is listed twice`);
    ids.add(option.id);
    for (const country of option.countries)
      if (table.tax[country] === undefined)
        problems.push(`shipping ${option.id}: ${country} has no tax rate`);
    for (const [currency, rate] of Object.entries(option.rates)) {
      const amounts = [rate.amount, ...(rate.freeOver === undefined ? [] : [rate.freeOver])];
      if (amounts.some((amount) => !Number.isInteger(amount) || amount < 0))
        problems.push(`shipping ${option.id} ${currency}: amounts are non-negative integers`);
    }
  }
  return problems;
}
