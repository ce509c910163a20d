import {
  decodeCursor,
  encodeCursor,
  GroupCommit,
  SqliteGroupTransaction,
  type Page,
  type SqliteHandle,
} from '@emporium/kit';
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

/**
 * Event-loop turns a group stays open at most while changes keep arriving: each turn lets
 * the requests whose bytes came in meanwhile reach the queue, so a busy store syncs once
 * for many of them; a turn with no newcomer commits at once (a timer would wait ≥ 1 ms).
 */
const MAX_OPEN_TURNS = 4;

interface QueuedChange {
  scope: ChangeScope;
  decide: (view: ChangeView) => ChangeWrites<unknown>;
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
 * Group commit (the kit's `GroupCommit`, ADR 0038): changes that arrive while a transaction
 * is being written, or while the group is still filling (a turn of the event loop brought
 * more), queue up and commit together, each in its own savepoint (a refused one rolls back
 * alone), so one disk sync serves many reservations.
 */
export class SqliteInventoryStore implements InventoryStore {
  private readonly options: SqliteInventoryStoreOptions;
  private readonly statements: InventoryStatements;
  private readonly transaction: SqliteGroupTransaction;
  private readonly groups: GroupCommit<QueuedChange>;

  constructor(options: SqliteInventoryStoreOptions) {
    this.options = options;
    this.statements = new InventoryStatements(options.handle.raw);
    this.transaction = new SqliteGroupTransaction(options.handle.raw);
    this.groups = new GroupCommit({
      gather: { kind: 'settle', maxTurns: MAX_OPEN_TURNS },
      // On the connection Kysely lends, so a group never interleaves with the relay's queries.
      commit: (group) =>
        options.handle.db.connection().execute(async () => this.commitGroup(group)),
    });
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
    return this.groups.submit<T>({ scope, decide });
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

  private commitGroup(group: readonly QueuedChange[]) {
    let wroteEvents = false;
    const outcomes = this.transaction.run(group, (change) => {
      const writes = change.decide(this.viewOf(change.scope));
      this.write(writes);
      wroteEvents ||= (writes.events?.length ?? 0) > 0;
      return writes.result;
    });
    if (wroteEvents) this.options.onCommit();
    return outcomes;
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
