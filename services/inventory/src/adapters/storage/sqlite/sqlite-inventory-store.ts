import { decodeCursor, encodeCursor, type Page, type SqliteHandle } from '@emporium/kit';
import type {
  ChangeScope,
  ChangeView,
  ChangeWrites,
  InventoryStore,
  KeyedAdjustment,
} from '../../../app/ports/inventory-store.ts';
import type { AdjustmentEntry } from '../../../domain/adjustment.ts';
import type { Reservation } from '../../../domain/reservation.ts';
import type { StockRecord } from '../../../domain/stock.ts';
import type { InventorySchema } from './schema.ts';
import { InventoryStatements } from './statements.ts';

export interface SqliteInventoryStoreOptions {
  handle: SqliteHandle<InventorySchema>;
  now: () => number;
  /** After each commit that wrote events: wakes the outbox relay. */
  onCommit: () => void;
}

/** Changes committed together at most; a larger queue takes several transactions. */
const MAX_GROUP = 256;
/**
 * Event-loop turns a group stays open at most while changes keep arriving: each turn lets
 * the requests whose bytes came in meanwhile reach the queue, so a busy store syncs once
 * for many of them; a turn with no newcomer commits at once (a timer would wait ≥ 1 ms).
 */
const MAX_OPEN_TURNS = 4;

interface QueuedChange {
  scope: ChangeScope;
  decide: (view: ChangeView) => ChangeWrites<unknown>;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

type DocRow = { doc: string } | undefined;
const parse = <T>(row: DocRow): T | undefined => (row ? (JSON.parse(row.doc) as T) : undefined);

/**
 * Inventory on SQLite. Changes run synchronously inside one `BEGIN IMMEDIATE`
 * transaction on the connection Kysely lends (so they never interleave with the relay's
 * queries): read, decide, write, with nothing awaited in between. SQLite has one writer,
 * and the changes of a transaction run one after another, each seeing the ones before:
 * no two changes decide on the same state. That is the oversell proof.
 *
 * Group commit: changes that arrive while a transaction is being written, or while the
 * group is still filling (a turn of the event loop brought more), queue up and commit
 * together, each in its own savepoint (a refused one rolls back alone), so one disk sync
 * serves many reservations.
 */
export class SqliteInventoryStore implements InventoryStore {
  private readonly options: SqliteInventoryStoreOptions;
  private readonly statements: InventoryStatements;
  private queue: QueuedChange[] = [];
  private flushing = false;

  constructor(options: SqliteInventoryStoreOptions) {
    this.options = options;
    this.statements = new InventoryStatements(options.handle.raw);
  }

  async readStock(skus: readonly string[]): Promise<StockRecord[]> {
    const found: StockRecord[] = [];
    for (const sku of skus) {
      const record = parse<StockRecord>(this.statements.stockOf.get(sku) as DocRow);
      if (record) found.push(record);
    }
    return found;
  }

  async reservation(id: string): Promise<Reservation | undefined> {
    return parse<Reservation>(this.statements.reservationById.get(id) as DocRow);
  }

  async auditTrail(sku: string, limit: number, cursor?: string): Promise<Page<AdjustmentEntry>> {
    const after = decodeCursor(cursor, (value): value is string => typeof value === 'string');
    const rows = (
      after === undefined
        ? this.statements.adjustmentsFirst.all(sku, limit + 1)
        : this.statements.adjustmentsAfter.all(sku, after, limit + 1)
    ) as { id: string; doc: string }[];
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as AdjustmentEntry);
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null,
    };
  }

  change<T>(scope: ChangeScope, decide: (view: ChangeView) => ChangeWrites<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ scope, decide, resolve: resolve as (result: unknown) => void, reject });
      if (this.flushing) return;
      this.flushing = true;
      this.flushWhenSettled(this.queue.length, 0);
    });
  }

  /**
   * Commits once a whole turn of the event loop (its I/O included) brought no new change,
   * or after a few turns. The first check runs before the loop polls I/O again, so it
   * always waits one more turn: requests whose bytes are already in join this group.
   */
  private flushWhenSettled(seen: number, turns: number): void {
    setImmediate(() => {
      const grew = turns === 0 || this.queue.length > seen;
      if (grew && turns + 1 < MAX_OPEN_TURNS && this.queue.length < MAX_GROUP)
        return this.flushWhenSettled(this.queue.length, turns + 1);
      void this.flush();
    });
  }

  async dueReservations(now: number, limit: number): Promise<string[]> {
    return (this.statements.due.all(now, limit) as { id: string }[]).map((row) => row.id);
  }

  async nextExpiry(): Promise<number | undefined> {
    const row = this.statements.nextExpiry.get() as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  async close(): Promise<void> {
    // The handle is shared with the outbox; the composition root closes it.
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        await this.options.handle.db
          .connection()
          .execute(async () => this.commitGroup(group))
          .catch((error: unknown) => group.forEach((change) => change.reject(error)));
      }
    } finally {
      this.flushing = false;
    }
  }

  private commitGroup(group: QueuedChange[]): void {
    const s = this.statements;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let wroteEvents = false;
    s.begin.run();
    try {
      for (const change of group) {
        s.savepoint.run();
        try {
          const writes = change.decide(this.viewOf(change.scope));
          this.write(writes);
          s.releaseSavepoint.run();
          wroteEvents ||= (writes.events?.length ?? 0) > 0;
          outcomes.push({ ok: true, value: writes.result });
        } catch (error) {
          s.rollbackToSavepoint.run();
          s.releaseSavepoint.run();
          outcomes.push({ ok: false, value: error });
        }
      }
      s.commit.run();
    } catch (error) {
      if (this.options.handle.raw.isTransaction) s.rollback.run();
      throw error;
    }
    group.forEach((change, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) change.resolve(outcome.value);
      else change.reject(outcome.value);
    });
    if (wroteEvents) this.options.onCommit();
  }

  private viewOf(scope: ChangeScope): ChangeView {
    const stock = new Map<string, StockRecord>();
    for (const sku of scope.skus) {
      const record = parse<StockRecord>(this.statements.stockOf.get(sku) as DocRow);
      if (record) stock.set(sku, record);
    }
    const row = scope.reservationId
      ? this.statements.reservationById.get(scope.reservationId)
      : scope.orderId
        ? this.statements.reservationByOrder.get(scope.orderId)
        : undefined;
    const key = scope.adjustmentKey;
    const keyed = key
      ? (this.statements.adjustmentKey.get(key.sku, key.key) as KeyedAdjustment | undefined)
      : undefined;
    return {
      stock,
      reservation: parse<Reservation>(row as DocRow),
      ...(keyed ? { keyedAdjustment: { ...keyed } } : {}),
    };
  }

  private write<T>(writes: ChangeWrites<T>): void {
    const s = this.statements;
    for (const record of writes.stock ?? [])
      s.upsertStock.run(record.sku, record.version, JSON.stringify(record));
    for (const entry of writes.audit ?? [])
      s.insertAdjustment.run(entry.id, entry.sku, JSON.stringify(entry));
    const keyed = writes.keyedAdjustment;
    // The primary key refuses a second row: a change that did not read the key fails whole.
    if (keyed) s.insertAdjustmentKey.run(keyed.sku, keyed.key, keyed.requestHash, keyed.entryId);
    const reservation = writes.reservation;
    if (reservation)
      s.upsertReservation.run(
        reservation.id,
        reservation.orderId,
        reservation.status,
        Date.parse(reservation.expiresAt),
        JSON.stringify(reservation),
      );
    s.appendEvents(writes.events ?? [], this.options.now());
  }
}
