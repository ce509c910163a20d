import type { HttpServer } from '@emporium/kit';
import type { PromotionDeps } from '../../app/promotion-deps.ts';
import { createQuote } from '../../app/use-cases/create-quote.ts';
import { readQuote } from '../../app/use-cases/read-quote.ts';
import type { Quote } from '../../domain/quote.ts';
import { QuoteBody, QuoteParams, QuoteSchema } from './quote-schemas.ts';

const tags = ['quotes'];

/**
 * Quotes are open to anyone (the storefront shows them before sign-in); their ids are
 * unguessable ULIDs. Shipping and tax need the destination `country` (ADR 0029).
 */
export function registerQuoteRoutes(app: HttpServer, deps: PromotionDeps): void {
  app.post(
    '/quotes',
    {
      schema: {
        tags,
        summary: 'Price items, with an optional promotion; the quote is stored until expiresAt',
        body: QuoteBody,
        response: { 201: QuoteSchema },
      },
    },
    async (request, reply) => {
      const quote = await createQuote(deps, request.body);
      reply.status(201).header('location', `/quotes/${quote.id}`);
      return quoteView(quote);
    },
  );

  app.get(
    '/quotes/:id',
    {
      schema: {
        tags,
        summary: 'A stored quote, exactly as it was given (also once expired)',
        params: QuoteParams,
        response: { 200: QuoteSchema },
      },
    },
    async (request) => quoteView(await readQuote(deps, request.params.id)),
  );
}

/** Amounts as Money objects in the quote's currency. */
export function quoteView(quote: Quote) {
  const money = (amount: number) => ({ amount, currency: quote.currency });
  return {
    id: quote.id,
    currency: quote.currency,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      lineTotal: money(line.lineTotal),
      discount: money(line.discount),
      // Quotes stored before shipping and tax existed have no line tax.
      tax: money(line.tax ?? 0),
    })),
    subtotal: money(quote.subtotal),
    discount: money(quote.discount),
    shipping: money(quote.shipping),
    // Quotes stored before shipping was taxed had none.
    shippingTax: money(quote.shippingTax ?? 0),
    tax: money(quote.tax),
    total: money(quote.total),
    ...(quote.promotion ? { promotion: quote.promotion } : {}),
    ...(quote.customerId === null ? {} : { customerId: quote.customerId }),
    ...(quote.country ? { country: quote.country } : {}),
    ...(quote.shippingOption ? { shippingOption: quote.shippingOption } : {}),
    ...(typeof quote.taxRate === 'number' ? { taxRate: quote.taxRate } : {}),
    createdAt: new Date(quote.createdAt).toISOString(),
    expiresAt: new Date(quote.expiresAt).toISOString(),
  };
}
