import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { topicOf, type CloudEvent } from '@emporium/kit';

/** The cart's statements, prepared once: no query building on the hot path. */
export class CartStatements {
  readonly byId: StatementSync;
  readonly versionById: StatementSync;
  readonly versionByUser: StatementSync;
  readonly upsert: StatementSync;
  readonly remove: StatementSync;
  readonly expired: StatementSync;
  readonly insertOutbox: StatementSync;

  constructor(raw: DatabaseSync) {
    this.byId = raw.prepare('SELECT doc FROM carts WHERE id = ?');
    this.versionById = raw.prepare('SELECT id, version FROM carts WHERE id = ?');
    this.versionByUser = raw.prepare('SELECT id, version FROM carts WHERE user_id = ?');
    this.upsert = raw.prepare(
      'INSERT INTO carts (id, user_id, version, expires_at, doc) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET version = excluded.version, ' +
        'expires_at = excluded.expires_at, doc = excluded.doc',
    );
    this.remove = raw.prepare('DELETE FROM carts WHERE id = ?');
    this.expired = raw.prepare('SELECT id FROM carts WHERE expires_at <= ? LIMIT ?');
    // The kit's outbox row (outboxMigration + outboxLeaseMigration), written in this transaction.
    this.insertOutbox = raw.prepare(
      'INSERT INTO outbox (id, topic, partition_key, envelope, status, attempts, created_at) ' +
        "VALUES (?, ?, ?, ?, 'pending', 0, ?)",
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
