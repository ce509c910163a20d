import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Clock } from '../clock.ts';
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts';
import { newId } from '../ids.ts';
import { randomHex } from '../random.ts';
import type { QueueMessage, ReceiveOptions, WorkQueue, WorkQueueSettings } from './work-queue.ts';

interface QueueSchema {
  queue_messages: {
    id: string;
    queue: string;
    body: string;
    visible_at: number;
    receive_count: number;
    receipt: string | null;
    dead: number;
    sent_at: number;
  };
}

const migrations: Record<string, Migration> = {
  '0001_queue': {
    async up(db) {
      await db.schema
        .createTable('queue_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('visible_at', 'integer', (c) => c.notNull())
        .addColumn('receive_count', 'integer', (c) => c.notNull())
        .addColumn('receipt', 'text')
        .addColumn('dead', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('queue_messages_ready')
        .on('queue_messages')
        .columns(['queue', 'dead', 'visible_at'])
        .execute();
    },
  },
};

export interface SqliteWorkQueueOptions extends WorkQueueSettings {
  path: string;
  clock: Clock;
}

/** The work-queue port on SQLite for embedded mode, with SQS's visibility and redrive rules. */
export class SqliteWorkQueue<T> implements WorkQueue<T> {
  private readonly handle: SqliteHandle<QueueSchema>;
  private readonly options: SqliteWorkQueueOptions;

  private constructor(handle: SqliteHandle<QueueSchema>, options: SqliteWorkQueueOptions) {
    this.handle = handle;
    this.options = options;
  }

  static async open<T>(options: SqliteWorkQueueOptions): Promise<SqliteWorkQueue<T>> {
    return new SqliteWorkQueue<T>(
      await openSqlite<QueueSchema>({ path: options.path, migrations }),
      options,
    );
  }

  async send(body: T, options: { delayMs?: number } = {}): Promise<string> {
    const now = this.options.clock.now();
    const id = newId('msg', now);
    await this.handle.db
      .insertInto('queue_messages')
      .values({
        id,
        queue: this.options.name,
        body: JSON.stringify(body),
        visible_at: now + (options.delayMs ?? 0),
        receive_count: 0,
        receipt: null,
        dead: 0,
        sent_at: now,
      })
      .execute();
    return id;
  }

  async receive({ max, waitMs = 0 }: ReceiveOptions): Promise<QueueMessage<T>[]> {
    const deadline = this.options.clock.now() + waitMs;
    for (;;) {
      const received = await this.receiveNow(max);
      if (received.length > 0 || this.options.clock.now() >= deadline) return received;
      await this.options.clock.sleep(Math.min(50, deadline - this.options.clock.now()));
    }
  }

  async ack(receipt: string): Promise<void> {
    await this.handle.db.deleteFrom('queue_messages').where('receipt', '=', receipt).execute();
  }

  async release(receipt: string, delayMs: number): Promise<void> {
    await this.handle.db
      .updateTable('queue_messages')
      .set({ visible_at: this.options.clock.now() + delayMs, receipt: null })
      .where('receipt', '=', receipt)
      .execute();
  }

  async deadLetters(limit: number): Promise<QueueMessage<T>[]> {
    const rows = await this.handle.db
      .selectFrom('queue_messages')
      .selectAll()
      .where('queue', '=', this.options.name)
      .where('dead', '=', 1)
      .orderBy('sent_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      body: JSON.parse(row.body) as T,
      receiveCount: row.receive_count,
      receipt: '',
    }));
  }

  async redriveDeadLetters(): Promise<number> {
    const result = await this.handle.db
      .updateTable('queue_messages')
      .set({ dead: 0, receive_count: 0, receipt: null, visible_at: this.options.clock.now() })
      .where('queue', '=', this.options.name)
      .where('dead', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async receiveNow(max: number): Promise<QueueMessage<T>[]> {
    const now = this.options.clock.now();
    const { name, maxReceives, visibilityTimeoutMs } = this.options;
    return this.handle.db.transaction().execute(async (trx) => {
      // A message received maxReceives times and not acknowledged is dead: SQS's redrive policy.
      await trx
        .updateTable('queue_messages')
        .set({ dead: 1, receipt: null })
        .where('queue', '=', name)
        .where('dead', '=', 0)
        .where('visible_at', '<=', now)
        .where('receive_count', '>=', maxReceives)
        .execute();
      const rows = await trx
        .selectFrom('queue_messages')
        .selectAll()
        .where('queue', '=', name)
        .where('dead', '=', 0)
        .where('visible_at', '<=', now)
        .orderBy('visible_at')
        .orderBy('id')
        .limit(max)
        .execute();
      const messages: QueueMessage<T>[] = [];
      for (const row of rows) {
        const receipt = randomHex(16);
        await trx
          .updateTable('queue_messages')
          .set({
            receipt,
            visible_at: now + visibilityTimeoutMs,
            receive_count: sql`receive_count + 1`,
          })
          .where('id', '=', row.id)
          .execute();
        messages.push({
          id: row.id,
          body: JSON.parse(row.body) as T,
          receiveCount: row.receive_count + 1,
          receipt,
        });
      }
      return messages;
    });
  }
}
