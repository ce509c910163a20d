import { CursorSchema, LimitSchema } from '@emporium/kit';
import { Type } from 'typebox';
import type { CurrentPrice, PricePeriod } from '../../domain/price.ts';

// Amounts are plain numbers here: the domain checks integer, sign and size, so each
// failure carries its own code (PRICING.INVALID_AMOUNT) rather than a generic 400.
const Amount = Type.Number({ description: 'Integer minor units (cents), 0 to 10^13' });
const Currency = Type.String({
  maxLength: 16,
  description: 'ISO 4217 code, one of PRICING_CURRENCIES',
});
const Instant = Type.String({ maxLength: 64, description: 'ISO 8601 date-time' });

export const SkuParams = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }) });

export const PutPriceBody = Type.Object(
  {
    amount: Amount,
    currency: Currency,
    compareAtAmount: Type.Optional(Amount),
    validFrom: Type.Optional(Instant),
    validTo: Type.Optional(Instant),
    minQuantity: Type.Optional(Type.Number({ description: 'Quantity break; default 1' })),
  },
  { additionalProperties: false },
);

export const CurrencyQuery = Type.Object(
  { currency: Type.Optional(Currency) },
  { additionalProperties: false },
);

export const BatchQuery = Type.Object(
  {
    // No minLength or maxLength: Ajv counts a string's length code point by code point,
    // ~3 µs each for 50 SKUs on the batch read's hot path. A pattern refuses the empty
    // list; the use case bounds the rest (at most 100 SKUs, each a checked SKU).
    skus: Type.String({
      pattern: '^.',
      description: 'Comma-separated, up to 100 SKUs of at most 64 characters each',
    }),
    currency: Type.Optional(Currency),
  },
  { additionalProperties: false },
);

export const HistoryQuery = Type.Object(
  { currency: Type.Optional(Currency), limit: LimitSchema, cursor: Type.Optional(CursorSchema) },
  { additionalProperties: false },
);

const Tier = Type.Object({
  minQuantity: Type.Integer(),
  amount: Type.Integer(),
  compareAtAmount: Type.Optional(Type.Integer()),
});

export const PriceSchema = Type.Object({
  sku: Type.String(),
  currency: Type.String(),
  amount: Type.Integer(),
  compareAtAmount: Type.Optional(Type.Integer()),
  lowest30Days: Type.Integer({
    description: 'Lowest effective price of the 30 days before this one started',
  }),
  tiers: Type.Optional(Type.Array(Tier, { description: 'Quantity breaks above one unit' })),
  startedAt: Instant,
  version: Type.Integer(),
});

export const PriceBatchSchema = Type.Object({ items: Type.Array(PriceSchema) });

export const ScheduledOnlySchema = Type.Object({
  sku: Type.String(),
  currency: Type.String(),
  status: Type.Literal('scheduled', { description: 'No price in force yet: it starts later' }),
});

const Period = Type.Object({
  amount: Type.Integer(),
  compareAtAmount: Type.Optional(Type.Integer()),
  lowest30Days: Type.Integer(),
  validFrom: Instant,
  validTo: Type.Union([Instant, Type.Null()]),
});

export const HistoryPageSchema = Type.Object({
  items: Type.Array(Period),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export function priceView(price: CurrentPrice) {
  const { tiers, startedAt, ...rest } = price;
  return {
    ...rest,
    ...(tiers.length > 0 ? { tiers } : {}),
    startedAt: new Date(startedAt).toISOString(),
  };
}

export function periodView(period: PricePeriod) {
  return {
    ...period,
    validFrom: new Date(period.validFrom).toISOString(),
    validTo: period.validTo === null ? null : new Date(period.validTo).toISOString(),
  };
}
