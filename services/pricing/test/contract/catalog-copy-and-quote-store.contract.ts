import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Quote } from '../../src/domain/quote.ts';
import type { PromotionStoresUnderTest } from './promotion-fixtures.ts';

export interface CatalogCopyContractOptions {
  name: string;
  create(): Promise<PromotionStoresUnderTest>;
  capabilities?: Record<string, never>;
}

const product = (version: number, skus: string[], categoryIds: string[], archived = false) => ({
  productId: 'prd-1',
  version,
  skus,
  categoryIds,
  archived,
});

/** The ProductCategoryStore and QuoteStore ports: every adapter passes these. */
export function describeCatalogCopyAndQuoteStoreContract(
  options: CatalogCopyContractOptions,
): void {
  describe(`ProductCategoryStore and QuoteStore contract: ${options.name}`, () => {
    let stores: PromotionStoresUnderTest;
    beforeEach(async () => (stores = await options.create()));
    afterEach(() => stores.close());

    it('when a newer version arrives, then it replaces the SKUs and categories; an older one is dropped', async () => {
      const copy = stores.productCategories;
      expect(await copy.apply(product(2, ['A', 'B'], ['c1']))).toBe(true);
      expect(await copy.apply(product(1, ['A'], ['old']))).toBe(false);
      expect(await copy.apply(product(2, ['A'], ['again']))).toBe(false);
      expect(Object.fromEntries(await copy.categoriesOf(['A', 'B', 'Z']))).toEqual({
        A: ['c1'],
        B: ['c1'],
      });
      expect(await copy.apply(product(3, ['B'], ['c2', 'c3']))).toBe(true);
      expect(Object.fromEntries(await copy.categoriesOf(['A', 'B']))).toEqual({ B: ['c2', 'c3'] });
    });

    it('when a product is archived, then its SKUs are gone and a late update does not bring them back', async () => {
      const copy = stores.productCategories;
      await copy.apply(product(1, ['A'], ['c1']));
      await copy.apply(product(3, [], [], true));
      expect(await copy.apply(product(2, ['A'], ['c1']))).toBe(false);
      expect((await copy.categoriesOf(['A'])).size).toBe(0);
      expect((await copy.categoriesOf([])).size).toBe(0);
    });

    it('when a quote is saved, then it reads back exactly', async () => {
      const quote: Quote = {
        id: 'quo_1',
        currency: 'EUR',
        lines: [
          { sku: 'A', quantity: 2, unitPrice: 999, lineTotal: 1998, discount: 200, tax: 342 },
        ],
        subtotal: 1998,
        discount: 200,
        shipping: 499,
        shippingTax: 95,
        tax: 437,
        total: 2734,
        promotion: { code: 'SAVE', kind: 'percent', value: 10 },
        customerId: 'cus-1',
        country: 'DE',
        shippingOption: { id: 'eu-standard', name: 'Standard (EU)', estimatedDays: 4 },
        taxRate: 1900,
        createdAt: 1,
        expiresAt: 900_001,
      };
      await stores.quotes.save(quote);
      expect(await stores.quotes.get('quo_1')).toEqual(quote);
      expect(await stores.quotes.get('quo_2')).toBeUndefined();
    });

    it('when many quotes are saved at once, then each reads back and one with a taken id fails alone', async () => {
      const quoteOf = (i: number): Quote => ({
        id: `quo_burst_${i}`,
        currency: 'USD',
        lines: [
          {
            sku: `S${i}`,
            quantity: 1,
            unitPrice: 100 + i,
            lineTotal: 100 + i,
            discount: 0,
            tax: 0,
          },
        ],
        subtotal: 100 + i,
        discount: 0,
        shipping: 0,
        shippingTax: 0,
        tax: 0,
        total: 100 + i,
        promotion: null,
        customerId: null,
        country: null,
        shippingOption: null,
        taxRate: null,
        createdAt: i,
        expiresAt: 900_000 + i,
      });
      await stores.quotes.save(quoteOf(0));
      const outcomes = await Promise.allSettled(
        // Quote 0 again: its id is taken.
        Array.from({ length: 20 }, (_, i) => stores.quotes.save(quoteOf(i))),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'rejected',
        ...Array.from({ length: 19 }, () => 'fulfilled'),
      ]);
      for (let i = 0; i < 20; i++)
        expect(await stores.quotes.get(`quo_burst_${i}`)).toEqual(quoteOf(i));
    });
  });
}
