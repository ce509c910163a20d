import { Type, type Static } from 'typebox';

/** ISO 4217 alphabetic code; which codes a service accepts is its own rule. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$' });

/** Money as every contract carries it: an integer amount in minor units and its currency. */
export const MoneyPayload = Type.Object({
  amount: Type.Integer({ minimum: 0 }),
  currency: CurrencyCode,
});
export type MoneyPayload = Static<typeof MoneyPayload>;
