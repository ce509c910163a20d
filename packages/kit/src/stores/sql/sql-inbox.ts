import type { Kysely, Transaction } from 'kysely';
import type { Inbox, InboxSchema } from '../../events/inbox-port.ts';

/** Three values per row: well under SQLite's limit of bound values per statement. */
const ROWS_PER_INSERT = 1_000;

/**
 * The inbox table of a service's SQL database (SQLite or PostgreSQL). `recordIn` lets
 * a handler record the event in the same transaction as its own change.
 */
export class SqlInbox implements Inbox {
  private readonly db: Kysely<InboxSchema>;
  private readonly now: () => number;

  constructor(db: Kysely<InboxSchema>, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  async has(group: string, eventId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('event_inbox')
      .select('event_id')
      .where('grp', '=', group)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row !== undefined;
  }

  record(group: string, eventId: string): Promise<void> {
    return this.recordIn(this.db, group, eventId);
  }

  recordIn(
    trx: Kysely<InboxSchema> | Transaction<InboxSchema>,
    group: string,
    eventId: string,
  ): Promise<void> {
    return this.recordAllIn(trx, group, [eventId]);
  }

  /** Records many events of one group with multi-row INSERTs (SQLite binds at most 32,766 values). */
  async recordAllIn(
    trx: Kysely<InboxSchema> | Transaction<InboxSchema>,
    group: string,
    eventIds: readonly string[],
  ): Promise<void> {
    const processedAt = this.now();
    for (let start = 0; start < eventIds.length; start += ROWS_PER_INSERT) {
      await trx
        .insertInto('event_inbox')
        .values(
          eventIds
            .slice(start, start + ROWS_PER_INSERT)
            .map((eventId) => ({ grp: group, event_id: eventId, processed_at: processedAt })),
        )
        .onConflict((oc) => oc.columns(['grp', 'event_id']).doNothing())
        .execute();
    }
  }
}
