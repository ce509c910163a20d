import { describe, expect, it } from 'vitest';
import { currenciesOf, loadPricingConfig } from '../../src/config.ts';

describe('the pricing configuration', () => {
  it('when nothing is set, then prices are kept in USD and EUR with USD the default on SQLite', () => {
    const config = loadPricingConfig({});
    expect(currenciesOf(config)).toEqual(['USD', 'EUR']);
    expect(config).toMatchObject({ PRICING_DEFAULT_CURRENCY: 'USD', PRICING_STORE: 'sqlite' });
  });

  it('when the default currency is not one of the currencies, then start-up stops naming it', () => {
    expect(() => loadPricingConfig({ PRICING_CURRENCIES: 'EUR,GBP' })).toThrow(
      /PRICING_DEFAULT_CURRENCY/,
    );
  });

  it('when a currency is not three capital letters, then start-up stops', () => {
    expect(() => loadPricingConfig({ PRICING_CURRENCIES: 'USD,euro' })).toThrow(
      /PRICING_CURRENCIES/,
    );
  });
});
