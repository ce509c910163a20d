import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { topicOf, type CloudEvent } from '@emporium/kit';

/**
 * The write path's statements, prepared once: a reservation is a handful of short
 * statements in one immediate transaction, with no query building on the hot path.
 */
export class InventoryStatements {
  readonly stockOf: StatementSync;
  readonly upsertStock: StatementSync;
  readonly insertAdjustment: StatementSync;
  readonly adjustmentKey: StatementSync;
  readonly insertAdjustmentKey: StatementSync;
  readonly reservationById: StatementSync;
  readonly reservationByOrder: StatementSync;
  readonly upsertReservation: StatementSync;
  readonly insertOutbox: StatementSync;
  readonly adjustmentsAfter: StatementSync;
  readonly adjustmentsFirst: StatementSync;
  readonly due: StatementSync;
  readonly nextExpiry: StatementSync;

  constructor(raw: DatabaseSync) {
    this.stockOf = raw.prepare('SELECT doc FROM stock WHERE sku = ?');
    this.upsertStock = raw.prepare(
      'INSERT INTO stock (sku, version, doc) VALUES (?, ?, ?) ' +
        'ON CONFLICT (sku) DO UPDATE SET version = excluded.version, doc = excluded.doc',
    );
    this.insertAdjustment = raw.prepare('INSERT INTO adjustments (id, sku, doc) VALUES (?, ?, ?)');
    this.adjustmentKey = raw.prepare(
      'SELECT sku, key, request_hash AS requestHash, entry_id AS entryId FROM adjustment_keys ' +
        'WHERE sku = ? AND key = ?',
    );
    this.insertAdjustmentKey = raw.prepare(
      'INSERT INTO adjustment_keys (sku, key, request_hash, entry_id) VALUES (?, ?, ?, ?)',
    );
    this.reservationById = raw.prepare('SELECT doc FROM reservations WHERE id = ?');
    this.reservationByOrder = raw.prepare('SELECT doc FROM reservations WHERE order_id = ?');
    this.upsertReservation = raw.prepare(
      'INSERT INTO reservations (id, order_id, status, expires_at, doc) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc',
    );
    // The kit's outbox row (outboxMigration + outboxLeaseMigration), written in this transaction.
    this.insertOutbox = raw.prepare(
      'INSERT INTO outbox (id, topic, partition_key, envelope, status, attempts, created_at) ' +
        "VALUES (?, ?, ?, ?, 'pending', 0, ?)",
    );
    this.adjustmentsFirst = raw.prepare(
      'SELECT id, doc FROM adjustments WHERE sku = ? ORDER BY id DESC LIMIT ?',
    );
    this.adjustmentsAfter = raw.prepare(
      'SELECT id, doc FROM adjustments WHERE sku = ? AND id < ? ORDER BY id DESC LIMIT ?',
    );
    this.due = raw.prepare(
      "SELECT id FROM reservations WHERE status = 'held' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
    );
    this.nextExpiry = raw.prepare(
      "SELECT min(expires_at) AS at FROM reservations WHERE status = 'held'",
    );
  }

  appendEvents(events: readonly CloudEvent[], now: number): void {
    for (const event of events)
      this.insertOutbox.run(
        event.id,
        topicOf(event.type),
        event.partitionkey,
        JSON.stringify(event),
        now,
      );
  }
}
