import { GroupCommit, runInSavepoints } from '@emporium/kit';
import type { QuoteStore } from '../../../app/ports/quote-store.ts';
import type { Quote } from '../../../domain/quote.ts';
import type { PromotionStoreContext } from './promotion-schema.ts';

/**
 * Quotes as written: the body is the quote itself, so a reader gets exactly what was shown.
 * On SQLite (one writer, every commit a disk sync) quotes saved while another group is being
 * written commit together, each in its own savepoint (the kit's GroupCommit, ADR 0037): one
 * sync for the quotes of many concurrent checkouts and cart reads. A save settles after its
 * commit either way. PostgreSQL commits concurrent inserts in parallel: one each.
 */
export class SqlQuoteStore implements QuoteStore {
  private readonly context: PromotionStoreContext;
  private readonly groups: GroupCommit<Quote> | undefined;

  constructor(context: PromotionStoreContext) {
    this.context = context;
    this.groups =
      context.dialect === 'sqlite'
        ? new GroupCommit<Quote>({
            gather: { kind: 'turn' },
            commit: (group) =>
              this.context.db
                .transaction()
                .execute((trx) =>
                  runInSavepoints(trx, group, (quote) =>
                    trx.insertInto('quotes').values(rowOf(quote)).execute(),
                  ),
                ),
          })
        : undefined;
  }

  async save(quote: Quote): Promise<void> {
    if (this.groups) {
      await this.groups.submit(quote);
      return;
    }
    await this.context.db.insertInto('quotes').values(rowOf(quote)).execute();
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

function rowOf(quote: Quote) {
  return {
    id: quote.id,
    body: JSON.stringify(quote),
    created_at: quote.createdAt,
    expires_at: quote.expiresAt,
  };
}
