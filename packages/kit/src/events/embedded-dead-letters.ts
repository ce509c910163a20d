import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import { deadLetterCursor, deadLetterPage, toDeadLetter } from './dead-letter-rows.ts';
import type { DeadLetterLedger, DeliveryFailure } from './delivery-core.ts';
import type { EmbeddedBusSchema } from './embedded-bus-schema.ts';
import type { DeadLetter, DeadLetterQuery } from './event-bus.ts';

/** The embedded bus's dead letters, in its SQLite file. */
export class EmbeddedDeadLetters implements DeadLetterLedger {
  private readonly db: Kysely<EmbeddedBusSchema>;

  constructor(db: Kysely<EmbeddedBusSchema>) {
    this.db = db;
  }

  /** Parks a failure and moves the group's offset past it, in one transaction. */
  async park(failure: DeliveryFailure, offset: { group: string; seq: number }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bus_dead_letters')
        .values({
          id: newId('dlq', failure.failedAt),
          grp: failure.group,
          event_id: failure.event.id,
          envelope: JSON.stringify(failure.event),
          error: failure.error,
          attempts: failure.attempts,
          failed_at: failure.failedAt,
          status: 'dead',
          redriven_at: null,
        })
        .execute();
      await trx
        .insertInto('bus_offsets')
        .values({ grp: offset.group, seq: offset.seq })
        .onConflict((oc) => oc.column('grp').doUpdateSet({ seq: offset.seq }))
        .execute();
    });
  }

  async list(query: DeadLetterQuery): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    const after = deadLetterCursor(query.cursor);
    let select = this.db
      .selectFrom('bus_dead_letters')
      .selectAll()
      .orderBy('id')
      .limit(query.limit + 1);
    if (after) select = select.where('id', '>', after);
    if (query.groupPrefix) select = select.where('grp', 'like', `${query.groupPrefix}.%`);
    return deadLetterPage(await select.execute(), query.limit);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const row = await this.db
      .selectFrom('bus_dead_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toDeadLetter(row);
  }

  async failedAgain(letter: DeadLetter, error: string, now: number): Promise<DeadLetter> {
    const attempts = letter.attempts + 1;
    await this.db
      .updateTable('bus_dead_letters')
      .set({ error, attempts, failed_at: now })
      .where('id', '=', letter.id)
      .execute();
    return { ...letter, error, attempts, failedAt: new Date(now).toISOString() };
  }

  async redriven(letter: DeadLetter, now: number): Promise<DeadLetter> {
    await this.db
      .updateTable('bus_dead_letters')
      .set({ status: 'redriven', redriven_at: now })
      .where('id', '=', letter.id)
      .execute();
    return { ...letter, status: 'redriven', redrivenAt: new Date(now).toISOString() };
  }

  async countDead(): Promise<number> {
    const row = await this.db
      .selectFrom('bus_dead_letters')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'dead')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
