import type { Kysely, Transaction } from 'kysely';
import type { Inbox, InboxSchema } from '../../events/inbox-port.ts';

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

  async recordIn(
    trx: Kysely<InboxSchema> | Transaction<InboxSchema>,
    group: string,
    eventId: string,
  ): Promise<void> {
    await trx
      .insertInto('event_inbox')
      .values({ grp: group, event_id: eventId, processed_at: this.now() })
      .onConflict((oc) => oc.columns(['grp', 'event_id']).doNothing())
      .execute();
  }
}
