import type { CloudEvent } from './cloud-event.ts';
import type { DeliveryCore, DeliveryFailure } from './delivery-core.ts';
import type { Logger } from 'pino';
import type { BusWrite, EmbeddedBusSchema } from './embedded-bus-schema.ts';
import type { EmbeddedDeadLetters } from './embedded-dead-letters.ts';
import type { Subscription } from './event-bus.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { SqliteHandle } from '../db/sqlite.ts';
import type { SqlInbox } from '../stores/sql/sql-inbox.ts';

export interface GroupConsumerOptions {
  logger: Logger;
  /** Events read and committed per transaction. */
  batchSize: number;
}

interface LogRow {
  seq: number;
  envelope: string;
}

/** What a batch has handled but not yet committed: its inbox rows and how far the offset moves. */
interface Progress {
  handledIds: Set<string>;
  seq: number | undefined;
}

/**
 * Reads one group's events in log order, a batch at a time. The inbox rows of the batch's
 * handled events and the group's new offset are committed in one transaction (one fsync per
 * batch, not two per event; shared with the other groups' commits of the same turn), and the consumer yields to the event loop between batches so
 * timers and HTTP requests of the process run while a backlog drains. A crash before the
 * commit redelivers the whole batch: delivery is at least once, and handlers are idempotent
 * (the inbox only skips what a committed batch recorded).
 */
export class GroupConsumer {
  private running: Promise<void> | undefined;
  /** Records the head as the offset of a new `latest` group, before the first read. */
  private positioned: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  readonly core: DeliveryCore;
  private readonly store: SqliteHandle<EmbeddedBusSchema>;
  private readonly writes: GroupCommit<BusWrite>;
  private readonly deadLetters: EmbeddedDeadLetters;
  private readonly inbox: SqlInbox;
  private readonly options: GroupConsumerOptions;

  constructor(dependencies: {
    core: DeliveryCore;
    store: SqliteHandle<EmbeddedBusSchema>;
    /** The bus's shared group commit: this group's offset commits join the others'. */
    writes: GroupCommit<BusWrite>;
    deadLetters: EmbeddedDeadLetters;
    inbox: SqlInbox;
    options: GroupConsumerOptions;
  }) {
    this.core = dependencies.core;
    this.store = dependencies.store;
    this.writes = dependencies.writes;
    this.deadLetters = dependencies.deadLetters;
    this.inbox = dependencies.inbox;
    this.options = dependencies.options;
  }

  /** Fixes where a new `latest` group begins (now, not at its first event). */
  position(): Promise<void> {
    this.positioned ??= this.positionAtHead();
    return this.positioned;
  }

  get subscription(): Subscription {
    return this.core.subscription;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pump()
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error, group: this.subscription.group },
          'consumer failed',
        ),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  idle(): boolean {
    return this.running === undefined;
  }

  async lag(head: number): Promise<number> {
    const offset = await this.offset();
    const row = await this.store.db
      .selectFrom('bus_events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('seq', '>', offset)
      .where('seq', '<=', head)
      .where('topic', 'in', this.subscription.topics)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }

  private async positionAtHead(): Promise<void> {
    if (this.subscription.startAt !== 'latest') return;
    const head = await this.store.db
      .selectFrom('bus_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    await this.store.db
      .insertInto('bus_offsets')
      .values({ grp: this.subscription.group, seq: Number(head?.seq ?? 0) })
      .onConflict((oc) => oc.column('grp').doNothing())
      .execute();
  }

  private async offset(): Promise<number> {
    await this.position();
    const row = await this.store.db
      .selectFrom('bus_offsets')
      .select('seq')
      .where('grp', '=', this.subscription.group)
      .executeTakeFirst();
    return row?.seq ?? 0;
  }

  private async pump(): Promise<void> {
    const { batchSize } = this.options;
    while (!this.stopped) {
      const rows = await this.store.db
        .selectFrom('bus_events')
        .select(['seq', 'envelope'])
        .where('seq', '>', await this.offset())
        .where('topic', 'in', this.subscription.topics)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      await this.deliverBatch(rows as LogRow[]);
      if (rows.length < batchSize) return;
      // node:sqlite and the handlers resolve on microtasks only: without this, a backlog
      // would hold the event loop until it is drained.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async deliverBatch(rows: LogRow[]): Promise<void> {
    const progress: Progress = { handledIds: new Set(), seq: undefined };
    if (this.subscription.handleBatch && (await this.deliverAtOnce(rows, progress))) {
      await this.commit(progress);
      return;
    }
    for (const row of rows) {
      if (this.stopped) break;
      const event = JSON.parse(row.envelope) as CloudEvent;
      // The same event twice in one batch (a relay republished it): the inbox has not seen
      // the first copy yet, this batch has.
      if (!progress.handledIds.has(event.id)) {
        const outcome = await this.core.deliverUnrecorded(event, this.abort.signal, (failure) =>
          this.parkAfter(progress, failure, row.seq),
        );
        // Closing mid-retries: the offset stays before it, the next start delivers it again.
        if (outcome === 'interrupted') break;
        if (outcome === 'handled' && this.core.keepsInbox) progress.handledIds.add(event.id);
      }
      progress.seq = row.seq;
    }
    await this.commit(progress);
  }

  /**
   * The subscription's `handleBatch` with the batch's new events (filtered, without those the
   * inbox has seen or that come twice): true when it handled them all. False when it threw;
   * then nothing of the batch is recorded and the caller hands the events over one by one.
   */
  private async deliverAtOnce(rows: LogRow[], progress: Progress): Promise<boolean> {
    const { group, types, handleBatch } = this.subscription;
    const fresh: CloudEvent[] = [];
    const ids = new Set<string>();
    for (const row of rows) {
      const event = JSON.parse(row.envelope) as CloudEvent;
      if (types && !types.includes(event.type)) continue;
      if (ids.has(event.id)) continue;
      if (this.core.keepsInbox && (await this.inbox.has(group, event.id))) continue;
      ids.add(event.id);
      fresh.push(event);
    }
    if (fresh.length > 0) {
      try {
        await handleBatch!(fresh);
      } catch (error) {
        this.options.logger.warn(
          { group, events: fresh.length, error: error instanceof Error ? error.message : error },
          'batch handler failed; delivering the events one by one',
        );
        return false;
      }
    }
    if (this.core.keepsInbox) for (const id of ids) progress.handledIds.add(id);
    progress.seq = rows.at(-1)?.seq;
    return true;
  }

  /** A dead letter moves the offset itself, so what the batch handled before it goes first. */
  private async parkAfter(
    progress: Progress,
    failure: DeliveryFailure,
    seq: number,
  ): Promise<void> {
    await this.commit(progress);
    await this.deadLetters.park(failure, { group: this.subscription.group, seq });
  }

  private async commit(progress: Progress): Promise<void> {
    const { seq, handledIds } = progress;
    if (seq === undefined) return;
    const group = this.subscription.group;
    const ids = [...handledIds];
    await this.writes.submit(async (trx) => {
      await this.inbox.recordAllIn(trx, group, ids);
      await trx
        .insertInto('bus_offsets')
        .values({ grp: group, seq })
        .onConflict((oc) => oc.column('grp').doUpdateSet({ seq }))
        .execute();
    });
    progress.handledIds.clear();
    progress.seq = undefined;
  }
}
