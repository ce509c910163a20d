import { requireInternal, type HttpServer } from '@emporium/kit';
import type { InventoryDeps } from '../../app/deps.ts';
import { reserve } from '../../app/use-cases/reserve.ts';
import {
  commitReservation,
  getReservation,
  releaseReservation,
} from '../../app/use-cases/settle-reservation.ts';
import { ReservationParams, ReservationSchema, ReserveBody } from './schemas.ts';

const tags = ['reservations'];
const security = [{ bearer: [] }];

/** Internal routes: a service token issued for the inventory, or an admin. */
export function registerReservationRoutes(
  app: HttpServer,
  deps: InventoryDeps,
  serviceName: string,
): void {
  const internal = { onRequest: requireInternal(serviceName) };

  app.post(
    '/reservations',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'Hold stock for an order: all items or none (the same orderId answers the same)',
        body: ReserveBody,
        response: { 200: ReservationSchema, 201: ReservationSchema },
      },
    },
    async (request, reply) => {
      const { reservation, created } = await reserve(deps, request.body);
      return reply
        .status(created ? 201 : 200)
        .header('location', `/reservations/${reservation.id}`)
        .send(reservation);
    },
  );

  app.get(
    '/reservations/:id',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'A reservation',
        params: ReservationParams,
        response: { 200: ReservationSchema },
      },
    },
    async (request) => getReservation(deps, request.params.id),
  );

  app.post(
    '/reservations/:id/commit',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'The reserved stock leaves on hand (idempotent)',
        params: ReservationParams,
        response: { 200: ReservationSchema },
      },
    },
    async (request) => commitReservation(deps, request.params.id),
  );

  app.post(
    '/reservations/:id/release',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'The reserved stock is available again (idempotent)',
        params: ReservationParams,
        response: { 200: ReservationSchema },
      },
    },
    async (request) => releaseReservation(deps, request.params.id),
  );
}
