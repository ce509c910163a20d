import type { CloudEvent, Page } from '@emporium/kit';
import type { AdjustmentEntry } from '../../domain/adjustment.ts';
import type { Reservation } from '../../domain/reservation.ts';
import type { StockRecord } from '../../domain/stock.ts';

/**
 * An adjustment made under an idempotency key (per SKU): a repeat of the key is compared
 * with `requestHash` and answered without a second change.
 */
export interface KeyedAdjustment {
  sku: string;
  key: string;
  requestHash: string;
  /** The audit entry the first request wrote. */
  entryId: string;
}

/** What one change reads: SKUs, the reservation by id or by order, an adjustment's key. */
export interface ChangeScope {
  skus: readonly string[];
  reservationId?: string;
  orderId?: string;
  adjustmentKey?: { sku: string; key: string };
}

/** The state a change decides on, read inside the change. */
export interface ChangeView {
  /** Only SKUs that were ever stocked. */
  stock: ReadonlyMap<string, StockRecord>;
  reservation: Reservation | undefined;
  /** The adjustment stored under the scope's `adjustmentKey`, if any. */
  keyedAdjustment?: KeyedAdjustment;
}

/** What a change writes, all in one transaction, and what it answers. */
export interface ChangeWrites<T> {
  result: T;
  /** Each at a version above the one it read (new: from 1); a batch count may add several. */
  stock?: StockRecord[];
  audit?: AdjustmentEntry[];
  /** Created when the view had none, else replaces the one it read (from its status). */
  reservation?: Reservation;
  events?: CloudEvent[];
  /**
   * Stored with the change when the view had none for its key. Of two changes with one
   * key, one commits: SQLite serializes them, DynamoDB conditions the key's item on being
   * new and runs the loser again (which then sees the first).
   */
  keyedAdjustment?: KeyedAdjustment;
}

/**
 * Stock, audit trail and reservations. `change` is the only write: it reads the scope,
 * lets `decide` (pure, synchronous, maybe run again) choose the writes, and commits them
 * with the events atomically, or not at all if `decide` throws. No two changes that
 * touch one SKU or one reservation both commit on the same state: SQLite serializes
 * them, DynamoDB conditions every item on what was read and runs the change again.
 */
export interface InventoryStore {
  /**
   * The most records one change may write (stock, audit entries, reservation keys and
   * events each count one): DynamoDB's transaction holds 100. Undefined: no limit.
   */
  readonly maxChangeItems?: number;
  readStock(skus: readonly string[]): Promise<StockRecord[]>;
  reservation(id: string): Promise<Reservation | undefined>;
  auditTrail(sku: string, limit: number, cursor?: string): Promise<Page<AdjustmentEntry>>;
  change<T>(scope: ChangeScope, decide: (view: ChangeView) => ChangeWrites<T>): Promise<T>;
  /** Held reservations whose expiry is at or before `now`, soonest first. */
  dueReservations(now: number, limit: number): Promise<string[]>;
  /** The earliest expiry of any held reservation. */
  nextExpiry(): Promise<number | undefined>;
  close(): Promise<void>;
}
