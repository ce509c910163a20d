import { randomUUID } from 'node:crypto';
import { deadLetterCursor, deadLetterPage, toDeadLetter } from '../dead-letter-rows.ts';
import type { Migration } from 'kysely/migration';
import type { SqliteHandle } from '../../db/sqlite.ts';
import { newId } from '../../ids.ts';
import type { CloudEvent } from '../cloud-event.ts';
import type { DeadLetter, DeadLetterQuery } from '../event-bus.ts';
import { inboxMigrations, type InboxSchema } from '../inbox.ts';

export interface KafkaBusSchema extends InboxSchema {
  kafka_dead_letters: {
    id: string;
    /** `topic/partition/offset` of the `.dlq` record, so re-reading it adds no second row. */
    source: string;
    grp: string;
    envelope: string;
    error: string;
    attempts: number;
    failed_at: number;
    status: 'dead' | 'redriven';
    redriven_at: number | null;
  };
  kafka_bus_meta: { key: string; value: string };
}

/** Inbox and dead letters share the bus file, so they migrate as one set. */
export const kafkaBusMigrations: Record<string, Migration> = {
  ...inboxMigrations,
  '0101_kafka_dead_letters': {
    async up(db) {
      await db.schema
        .createTable('kafka_dead_letters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull().unique())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('failed_at', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('redriven_at', 'integer')
        .execute();
      await db.schema
        .createTable('kafka_bus_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export interface NewDeadLetter {
  source: string;
  group: string;
  event: CloudEvent;
  error: string;
  attempts: number;
  failedAt: number;
}

/**
 * A queryable copy of the `.dlq` topics for the groups of this process: Kafka cannot
 * list, page or mark records, the admin API needs to. The topic stays the durable record.
 */
export class DeadLetterStore {
  private readonly handle: SqliteHandle<KafkaBusSchema>;

  constructor(handle: SqliteHandle<KafkaBusSchema>) {
    this.handle = handle;
  }

  /** A random id born with the file: names this store's dead-letter consumer group. */
  async storeId(): Promise<string> {
    await this.handle.db
      .insertInto('kafka_bus_meta')
      .values({ key: 'store_id', value: randomUUID() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const row = await this.handle.db
      .selectFrom('kafka_bus_meta')
      .select('value')
      .where('key', '=', 'store_id')
      .executeTakeFirstOrThrow();
    return row.value;
  }

  async add(letter: NewDeadLetter, now: number): Promise<void> {
    await this.handle.db
      .insertInto('kafka_dead_letters')
      .values({
        id: newId('dlq', now),
        source: letter.source,
        grp: letter.group,
        envelope: JSON.stringify(letter.event),
        error: letter.error,
        attempts: letter.attempts,
        failed_at: letter.failedAt,
        status: 'dead',
        redriven_at: null,
      })
      .onConflict((oc) => oc.column('source').doNothing())
      .execute();
  }

  async list(query: DeadLetterQuery): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    const after = deadLetterCursor(query.cursor);
    let select = this.handle.db
      .selectFrom('kafka_dead_letters')
      .selectAll()
      .orderBy('id')
      .limit(query.limit + 1);
    if (after) select = select.where('id', '>', after);
    if (query.groupPrefix) select = select.where('grp', 'like', `${query.groupPrefix}.%`);
    return deadLetterPage(await select.execute(), query.limit);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const row = await this.handle.db
      .selectFrom('kafka_dead_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toDeadLetter(row);
  }

  async failedAgain(letter: DeadLetter, error: string, now: number): Promise<DeadLetter> {
    const attempts = letter.attempts + 1;
    await this.handle.db
      .updateTable('kafka_dead_letters')
      .set({ error, attempts, failed_at: now })
      .where('id', '=', letter.id)
      .execute();
    return { ...letter, error, attempts, failedAt: new Date(now).toISOString() };
  }

  async redriven(letter: DeadLetter, now: number): Promise<DeadLetter> {
    await this.handle.db
      .updateTable('kafka_dead_letters')
      .set({ status: 'redriven', redriven_at: now })
      .where('id', '=', letter.id)
      .execute();
    return { ...letter, status: 'redriven', redrivenAt: new Date(now).toISOString() };
  }

  async countDead(): Promise<number> {
    const row = await this.handle.db
      .selectFrom('kafka_dead_letters')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'dead')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
