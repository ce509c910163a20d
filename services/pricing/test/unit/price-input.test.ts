import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, parsePriceInput } from '../../src/domain/price-input.ts';

const rules = { currencies: ['USD', 'EUR'], now: Date.parse('2026-12-01T00:00:00Z') };

describe('parsing a price an admin sets', () => {
  it('when the input is complete and valid, then instants become epoch milliseconds and minQuantity defaults to 1', () => {
    expect(
      parsePriceInput(
        'SKU-1',
        {
          amount: 100,
          currency: 'EUR',
          compareAtAmount: 150,
          validFrom: '2026-12-02T00:00:00Z',
          validTo: '2026-12-03T00:00:00Z',
        },
        rules,
      ),
    ).toEqual({
      sku: 'SKU-1',
      currency: 'EUR',
      amount: 100,
      compareAtAmount: 150,
      minQuantity: 1,
      validFrom: Date.parse('2026-12-02T00:00:00Z'),
      validTo: Date.parse('2026-12-03T00:00:00Z'),
    });
  });

  it('when the amount is zero or the maximum, then it is accepted', () => {
    expect(parsePriceInput('S', { amount: 0, currency: 'USD' }, rules).amount).toBe(0);
    expect(parsePriceInput('S', { amount: MAX_AMOUNT, currency: 'USD' }, rules).amount).toBe(
      MAX_AMOUNT,
    );
  });

  it.each([
    [{ amount: MAX_AMOUNT + 1, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
    [{ amount: Number.NaN, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
    [{ amount: 10, currency: 'EUR', compareAtAmount: 5 }, 'PRICING.INVALID_COMPARE_AT'],
    [{ amount: 10, currency: 'JPY' }, 'PRICING.UNSUPPORTED_CURRENCY'],
    [{ amount: 10, currency: 'USD', minQuantity: 1_000_001 }, 'PRICING.INVALID_MIN_QUANTITY'],
    [{ amount: 10, currency: 'USD', validTo: '2026-11-30T00:00:00Z' }, 'PRICING.INVALID_VALIDITY'],
  ])('when the input is %j, then it throws %s', (raw, code) => {
    expect(() => parsePriceInput('S', raw, rules)).toThrow(expect.objectContaining({ code }));
  });
});
