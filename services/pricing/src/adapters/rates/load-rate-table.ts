import { readFileSync } from 'node:fs';
import { ConfigError } from '@emporium/kit';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { rateTableProblems, type RateTable } from '../../domain/shipping-tax.ts';

const Amount = Type.Integer({ minimum: 0 });
const RateTableSchema = Type.Object({
  shipping: Type.Array(
    Type.Object({
      id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
      name: Type.String({ minLength: 1, maxLength: 100 }),
      countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1 }),
      estimatedDays: Type.Integer({ minimum: 0, maximum: 365 }),
      rates: Type.Record(
        Type.String({ pattern: '^[A-Z]{3}$' }),
        Type.Object({ amount: Amount, freeOver: Type.Optional(Amount) }),
      ),
    }),
  ),
  tax: Type.Record(Type.String({ pattern: '^[A-Z]{2}$' }), Type.Integer()),
  shippingTaxed: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }))),
});
const check = Compile(RateTableSchema);

/** The shipped table: a few countries in North America and Europe, in USD and EUR. */
export const DEFAULT_RATES_FILE = new URL('./default-rates.json', import.meta.url);

/**
 * Reads the shipping and tax table (PRICING_RATES_FILE, or the default one) and stops the
 * start with every problem named when it is not sound.
 */
export function loadRateTable(path: string | URL = DEFAULT_RATES_FILE): RateTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`PRICING_RATES_FILE: ${String(path)}: ${(error as Error).message}`]);
  }
  if (!check.Check(parsed))
    throw new ConfigError(
      [...check.Errors(parsed)]
        .slice(0, 10)
        .map((error) => `PRICING_RATES_FILE: ${error.instancePath || '/'} ${error.message}`),
    );
  const table = parsed as RateTable;
  const problems = rateTableProblems(table);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `PRICING_RATES_FILE: ${p}`));
  return table;
}
