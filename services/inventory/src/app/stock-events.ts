import type { CloudEvent } from '@emporium/kit';
import {
  INVENTORY_SOURCE,
  ReservationExpiredV1,
  StockChangedV1,
  StockLowV1,
  StockReplenishedV1,
} from '@emporium/contracts';
import type { Reservation } from '../domain/reservation.ts';
import { totalsOf, type StockRecord } from '../domain/stock.ts';

export type StockCause = 'set' | 'adjustment' | 'reservation' | 'commit' | 'release' | 'expiry';

/**
 * The events of one SKU's change: always stock.changed; stock.low when available crosses
 * to at or below the threshold; stock.replenished when it goes from 0 to more. Subject
 * and partition key are the SKU, so a consumer sees one SKU's changes in order.
 */
export function stockEvents(
  before: StockRecord | undefined,
  after: StockRecord,
  cause: StockCause,
  now: number,
): CloudEvent[] {
  const previous = before ? totalsOf(before).available : 0;
  const totals = totalsOf(after);
  const level = {
    sku: after.sku,
    ...totals,
    version: after.version,
    at: new Date(now).toISOString(),
  };
  const envelope = { source: INVENTORY_SOURCE, subject: after.sku, time: now };
  const events: CloudEvent[] = [StockChangedV1.create({ ...envelope, data: { ...level, cause } })];
  const threshold = after.lowStockThreshold;
  if (threshold !== null && totals.available <= threshold && (!before || previous > threshold))
    events.push(StockLowV1.create({ ...envelope, data: { ...level, threshold } }));
  if (previous === 0 && totals.available > 0)
    events.push(StockReplenishedV1.create({ ...envelope, data: level }));
  return events;
}

export function expiredEvent(reservation: Reservation, now: number): CloudEvent {
  return ReservationExpiredV1.create({
    source: INVENTORY_SOURCE,
    subject: reservation.id,
    time: now,
    data: {
      reservationId: reservation.id,
      orderId: reservation.orderId,
      items: reservation.items,
      expiredAt: new Date(now).toISOString(),
    },
  });
}
