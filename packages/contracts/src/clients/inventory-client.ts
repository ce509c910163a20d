import { AppError, type ServiceClient, type ServiceResponse } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { OperationsClient, type CallOptions } from './operations-client.ts';
import { bearer } from './upstream-problem.ts';

const Timestamp = Type.String({ format: 'date-time' });

/** `GET /inventory/{sku}`: the stock of a SKU across locations. */
export const StockLevelSchema = Type.Object({
  sku: Type.String(),
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer({ minimum: 0 }),
  version: Type.Integer({ minimum: 1 }),
  backorderLimit: Type.Integer(),
  backordered: Type.Integer(),
  lowStockThreshold: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Timestamp,
  locations: Type.Array(
    Type.Object({ location: Type.String(), onHand: Type.Integer(), reserved: Type.Integer() }),
  ),
});
export type StockLevel = Static<typeof StockLevelSchema>;

export const StockBatchSchema = Type.Object({
  items: Type.Array(StockLevelSchema),
  /** Asked-for SKUs that were never stocked. */
  unknown: Type.Array(Type.String()),
});
export type StockBatch = Static<typeof StockBatchSchema>;

export const ReservationSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  status: Type.Union([
    Type.Literal('held'),
    Type.Literal('committed'),
    Type.Literal('released'),
    Type.Literal('expired'),
  ]),
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  allocations: Type.Array(
    Type.Object({ sku: Type.String(), location: Type.String(), quantity: Type.Integer() }),
  ),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
export type Reservation = Static<typeof ReservationSchema>;

export interface ReserveRequest {
  orderId: string;
  items: { sku: string; quantity: number }[];
  ttlSeconds?: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/** The code of a refused reservation; its AppError's `details.shortages` lists what was short. */
export const INVENTORY_INSUFFICIENT_STOCK = 'INVENTORY.INSUFFICIENT_STOCK';

/**
 * The inventory's API for other services (orders, cart, catalog's projection). The
 * reservation calls are internal: the ServiceClient's service token (audience
 * `inventory`) or an admin's bearer. They are safe to repeat (the same orderId is the same
 * reservation; commit and release are idempotent), so the client retries them.
 */
export class InventoryClient extends OperationsClient {
  constructor(http: ServiceClient) {
    super('inventory', http);
  }

  /** The stock of a SKU; undefined when it was never stocked. */
  async getStock(sku: string, options: CallOptions = {}): Promise<StockLevel | undefined> {
    const response = await this.http.request<StockLevel>({
      method: 'GET',
      path: `/inventory/${encodeURIComponent(sku)}`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /** The stock of up to 100 SKUs at once. */
  async getMany(skus: readonly string[], options: CallOptions = {}): Promise<StockBatch> {
    if (skus.length === 0) return { items: [], unknown: [] };
    const response = await this.http.request<StockBatch>({
      method: 'GET',
      path: '/inventory',
      query: { skus: skus.join(',') },
      headers: bearer(options.authorization),
    });
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /**
   * Moves on hand by `delta` with a reason (admin, or a service token for inventory):
   * orders puts back the stock of a cancelled or returned order. With an
   * `idempotencyKey` (the `Idempotency-Key` header, per SKU) a repeat is the same
   * adjustment and changes nothing, so the client retries it; without one it is not retried.
   */
  async adjust(
    sku: string,
    adjustment: { delta: number; reason: string; location?: string },
    options: CallOptions & { idempotencyKey?: string } = {},
  ): Promise<StockLevel> {
    const key = options.idempotencyKey;
    const response = await this.http.request<StockLevel>({
      method: 'POST',
      path: `/inventory/${encodeURIComponent(sku)}/adjustments`,
      body: adjustment,
      headers: { ...bearer(options.authorization), ...(key ? { 'idempotency-key': key } : {}) },
      ...(key ? { idempotent: true } : {}),
    });
    if (response.status !== 201 && response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /** Holds every item or none; throws INVENTORY.INSUFFICIENT_STOCK with the shortages. */
  async reserve(request: ReserveRequest, options: CallOptions = {}): Promise<Reservation> {
    const response = await this.http.request<Reservation>({
      method: 'POST',
      path: '/reservations',
      body: request,
      headers: bearer(options.authorization),
      idempotent: true,
    });
    if (response.status !== 201 && response.status !== 200) throw this.refusal(response);
    return response.body;
  }

  async getReservation(id: string, options: CallOptions = {}): Promise<Reservation | undefined> {
    const response = await this.http.request<Reservation>({
      method: 'GET',
      path: `/reservations/${encodeURIComponent(id)}`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /** The reserved stock leaves on hand; 409 when the reservation was released or expired. */
  commit(id: string, options: CallOptions = {}): Promise<Reservation> {
    return this.settle(id, 'commit', options);
  }

  /** The reserved stock is available again; 409 when the reservation was committed. */
  release(id: string, options: CallOptions = {}): Promise<Reservation> {
    return this.settle(id, 'release', options);
  }

  private async settle(
    id: string,
    action: 'commit' | 'release',
    options: CallOptions,
  ): Promise<Reservation> {
    const response = await this.http.request<Reservation>({
      method: 'POST',
      path: `/reservations/${encodeURIComponent(id)}/${action}`,
      headers: bearer(options.authorization),
      idempotent: true,
    });
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  private refusal(response: ServiceResponse<unknown>): AppError {
    const error = this.problem(response);
    const shortages = (response.body as { shortages?: Shortage[] } | undefined)?.shortages;
    if (!shortages) return error;
    return new AppError(error.kind, error.code, error.message, {
      ...(error.title ? { title: error.title } : {}),
      details: { ...error.details, shortages },
    });
  }
}
