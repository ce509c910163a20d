import { decodeCursor, encodeCursor, type Page, type SqliteHandle } from '@emporium/kit';
import type {
  ChangeScope,
  ChangeView,
  ChangeWrites,
  InventoryStore,
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

type DocRow = { doc: string } | undefined;
const parse = <T>(row: DocRow): T | undefined => (row ? (JSON.parse(row.doc) as T) : undefined);

/**
 * Inventory on SQLite. A change is one `BEGIN IMMEDIATE` transaction run synchronously
 * on the connection Kysely lends (so it never interleaves with the relay's queries):
 * read, decide, write, commit, with nothing awaited in between. SQLite has one writer
 * at a time, so two changes never decide on the same state: that is the oversell proof.
 */
export class SqliteInventoryStore implements InventoryStore {
  private readonly options: SqliteInventoryStoreOptions;
  private readonly statements: InventoryStatements;

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

  async change<T>(scope: ChangeScope, decide: (view: ChangeView) => ChangeWrites<T>): Promise<T> {
    let wroteEvents = false;
    const result = await this.options.handle.db.connection().execute(async () => {
      const { begin, commit, rollback } = this.statements;
      begin.run();
      try {
        const writes = decide(this.viewOf(scope));
        this.write(writes);
        commit.run();
        wroteEvents = (writes.events?.length ?? 0) > 0;
        return writes.result;
      } catch (error) {
        rollback.run();
        throw error;
      }
    });
    if (wroteEvents) this.options.onCommit();
    return result;
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
    return { stock, reservation: parse<Reservation>(row as DocRow) };
  }

  private write<T>(writes: ChangeWrites<T>): void {
    const s = this.statements;
    for (const record of writes.stock ?? [])
      s.upsertStock.run(record.sku, record.version, JSON.stringify(record));
    for (const entry of writes.audit ?? [])
      s.insertAdjustment.run(entry.id, entry.sku, JSON.stringify(entry));
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
