import type { CloudEvent } from '@emporium/kit';
import { TxOps, appendEvents, isNew } from '@emporium/kit/dynamodb';
import type { ChangeView, ChangeWrites } from '../../../app/ports/inventory-store.ts';
import { totalsOf, type StockRecord } from '../../../domain/stock.ts';
import type { Reservation } from '../../../domain/reservation.ts';
import { keys, type InventoryTables } from './keys.ts';

/** A write whose condition failed because another change got there first: run it again. */
export type Guard = 'raced';

/**
 * The items of one change, each conditioned on the state its decision read: a SKU at
 * the version read (or absent), a reservation at the status read (or its order without
 * one). Any other change in between fails a condition and the whole transaction.
 */
export function changeOps<T>(
  tables: InventoryTables,
  view: ChangeView,
  writes: ChangeWrites<T>,
  now: number,
): TxOps<Guard> {
  const ops = new TxOps<Guard>(tables.stock);
  for (const record of writes.stock ?? []) putStock(ops, view.stock.get(record.sku), record);
  const log = ops.in(tables.log);
  for (const entry of writes.audit ?? [])
    log.put({ ...keys.audit(entry.sku, entry.id), doc: JSON.stringify(entry) }, 'integrity', isNew);
  if (writes.reservation)
    putReservation(ops.in(tables.reservations), view.reservation, writes.reservation);
  const keyed = writes.keyedAdjustment;
  // Another change that stored the key first fails this one: it runs again and sees it.
  // Keys sit in the reservations table, where the reads look them up (with order keys).
  if (keyed)
    ops.in(tables.reservations).put(
      {
        ...keys.adjustmentKey(keyed.sku, keyed.key),
        requestHash: keyed.requestHash,
        entryId: keyed.entryId,
      },
      'raced',
      isNew,
    );
  appendEvents(log, (writes.events ?? []) as CloudEvent[], now);
  return ops;
}

function putStock(ops: TxOps<Guard>, before: StockRecord | undefined, after: StockRecord): void {
  ops.put(
    {
      ...keys.stock(after.sku),
      doc: JSON.stringify(after),
      version: after.version,
      // Readable by operators and conditions; the decision itself reads `doc`.
      available: totalsOf(after).available,
    },
    'raced',
    before ? { expression: 'version = :read', values: { ':read': before.version } } : isNew,
  );
}

function putReservation(
  ops: TxOps<Guard>,
  before: Reservation | undefined,
  after: Reservation,
): void {
  const item = {
    ...keys.reservation(after.id),
    doc: JSON.stringify(after),
    version: after.version,
    status: after.status,
    orderId: after.orderId,
  };
  const expiresAt = Date.parse(after.expiresAt);
  if (!before) {
    ops.put(item, 'integrity', isNew);
    // One reservation per order: a second request for it finds this item and reads the first.
    ops.put({ ...keys.order(after.orderId), reservationId: after.id }, 'raced', isNew);
    ops.put({ ...keys.held(after.id, expiresAt), reservationId: after.id });
    return;
  }
  ops.put(item, 'raced', {
    expression: '#status = :status AND version = :read',
    names: { '#status': 'status' },
    values: { ':status': before.status, ':read': before.version },
  });
  if (before.status === 'held' && after.status !== 'held')
    ops.delete(keys.held(after.id, expiresAt));
}
