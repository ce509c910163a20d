import { InventoryErrors } from '../../domain/errors.ts';
import {
  assertCanCommit,
  assertCanRelease,
  consume,
  unreserve,
  type Reservation,
  type ReservationStatus,
} from '../../domain/reservation.ts';
import { withLocations, type StockRecord } from '../../domain/stock.ts';
import type { InventoryDeps } from '../deps.ts';
import type { ChangeView, ChangeWrites } from '../ports/inventory-store.ts';
import { expiredEvent, stockEvents, type StockCause } from '../stock-events.ts';

export async function getReservation(deps: InventoryDeps, id: string): Promise<Reservation> {
  const reservation = await deps.store.reservation(id);
  if (!reservation) throw notFound(id);
  return reservation;
}

/**
 * Commit: the reserved units leave on hand at their locations. Committing again answers
 * the committed reservation; a released or expired one is a 409. A held reservation past
 * its expiry is expired here (its stock returns) and answered 409, as the sweeper would.
 */
export async function commitReservation(deps: InventoryDeps, id: string): Promise<Reservation> {
  const { reservation: outcome } = await settle(deps, id, (reservation, now) => {
    if (reservation.status === 'held' && Date.parse(reservation.expiresAt) <= now) return 'expired';
    assertCanCommit(reservation);
    return 'committed';
  });
  if (outcome.status === 'expired')
    throw InventoryErrors.RESERVATION_NOT_HELD.create(`Reservation ${id} is expired`);
  return outcome;
}

/** Release: the units are available again. Idempotent; a committed reservation is a 409. */
export async function releaseReservation(deps: InventoryDeps, id: string): Promise<Reservation> {
  const settled = await settle(deps, id, (reservation) => {
    assertCanRelease(reservation);
    return reservation.status === 'expired' ? 'expired' : 'released';
  });
  return settled.reservation;
}

/**
 * Expiry: a held reservation whose time has passed gives its stock back and announces
 * inventory.reservation.expired. Replicas may race on one: the change reads it held and
 * writes it expired from held, so only one of them does it (and answers true).
 */
export async function expireReservation(deps: InventoryDeps, id: string): Promise<boolean> {
  const settled = await settle(deps, id, (reservation, now) =>
    reservation.status === 'held' && Date.parse(reservation.expiresAt) <= now
      ? 'expired'
      : reservation.status,
  );
  return settled.moved;
}

const causes: Partial<Record<ReservationStatus, StockCause>> = {
  committed: 'commit',
  released: 'release',
  expired: 'expiry',
};

/** The reservation after the change, and whether this change moved it. */
interface Settled {
  reservation: Reservation;
  moved: boolean;
}

async function settle(
  deps: InventoryDeps,
  id: string,
  target: (reservation: Reservation, now: number) => ReservationStatus,
): Promise<Settled> {
  const known = await deps.store.reservation(id);
  if (!known) throw notFound(id);
  const skus = [...new Set(known.allocations.map((allocation) => allocation.sku))];
  return deps.store.change<Settled>({ skus, reservationId: id }, (view) => {
    const reservation = view.reservation;
    if (!reservation) throw notFound(id);
    const now = deps.clock.now();
    const status = target(reservation, now);
    if (status === reservation.status || reservation.status !== 'held')
      return { result: { reservation, moved: false } };
    const writes = transition(deps, view, reservation, status, now);
    return { ...writes, result: { reservation: writes.result, moved: true } };
  });
}

function transition(
  deps: InventoryDeps,
  view: ChangeView,
  reservation: Reservation,
  status: ReservationStatus,
  now: number,
): ChangeWrites<Reservation> {
  const at = new Date(now).toISOString();
  const stock: StockRecord[] = [];
  for (const before of view.stock.values()) {
    const current = withLocations(before, deps.locations);
    const moved =
      status === 'committed'
        ? consume(current, reservation.allocations)
        : {
            locations: unreserve(current, reservation.allocations),
            backordered: current.backordered,
          };
    stock.push({ ...current, ...moved, version: current.version + 1, updatedAt: at });
  }
  const next: Reservation = {
    ...reservation,
    status,
    updatedAt: at,
    version: reservation.version + 1,
  };
  const cause = causes[status]!;
  const events = stock.flatMap((after) =>
    stockEvents(view.stock.get(after.sku), after, cause, now),
  );
  if (status === 'expired') events.push(expiredEvent(next, now));
  return { result: next, stock, reservation: next, events };
}

function notFound(id: string) {
  return InventoryErrors.RESERVATION_NOT_FOUND.create(`No reservation ${id}`);
}
