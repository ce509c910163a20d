import type { QuoteStore } from '../../../app/ports/quote-store.ts';
import type { Quote } from '../../../domain/quote.ts';
import type { PromotionStoreContext } from './promotion-schema.ts';

/** Quotes as written: the body is the quote itself, so a reader gets exactly what was shown. */
export class SqlQuoteStore implements QuoteStore {
  private readonly context: PromotionStoreContext;

  constructor(context: PromotionStoreContext) {
    this.context = context;
  }

  async save(quote: Quote): Promise<void> {
    await this.context.db
      .insertInto('quotes')
      .values({
        id: quote.id,
        body: JSON.stringify(quote),
        created_at: quote.createdAt,
        expires_at: quote.expiresAt,
      })
      .execute();
  }

  async get(id: string): Promise<Quote | undefined> {
    const row = await this.context.db
      .selectFrom('quotes')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && (JSON.parse(row.body) as Quote);
  }
}
