import type { CloudEvent } from '@emporium/kit';
import type { Order } from '../../domain/order.ts';
import type { OrderReturn } from '../../domain/returns.ts';
import type { SagaState } from '../../domain/saga.ts';

/** The first answer to a POST /orders, kept to replay it. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRecord {
  userId: string;
  key: string;
  requestHash: string;
  orderId: string;
  /** Null while the first request is still running (or died before answering). */
  response: StoredResponse | null;
}

export interface OrderWithSaga {
  order: Order;
  saga: SagaState;
}

export interface OrderPage {
  items: Order[];
  /** The id to continue after (ids are time-ordered: newest first). */
  next: string | null;
}

export interface SagaLease {
  owner: string;
  until: number;
}

/**
 * Orders with their saga state, the idempotency keys they were placed with, and returns,
 * in one database; every write that changes an order appends its events to the outbox in
 * the same transaction. Writes of an existing order are conditional on its `version`.
 */
export interface OrderStore {
  /**
   * Stores a new order, its saga and its idempotency key at once. When the key is taken
   * (unique per user), nothing is written and the existing record is returned.
   */
  place(input: {
    order: Order;
    saga: SagaState;
    requestHash: string;
    lease: SagaLease;
    events: CloudEvent[];
  }): Promise<{ placed: true } | { placed: false; record: IdempotencyRecord }>;
  idempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Keeps the first answer; a later call for the same key changes nothing. */
  recordResponse(userId: string, key: string, response: StoredResponse): Promise<void>;
  /**
   * Forgets up to `limit` keys created before `before` whose first answer is recorded (the
   * key of a checkout still running stays); returns how many. The orders stay.
   */
  forgetAnsweredKeys(before: number, limit: number): Promise<number>;

  get(id: string): Promise<OrderWithSaga | undefined>;
  /**
   * Writes the order (and saga) if its stored version is `order.version - 1`, with the
   * returns given (inserted or replaced) in the same transaction; returns false when
   * another writer got there first. A lease given is renewed with the write. `response`:
   * the first answer of the order's idempotency key, recorded (as `recordResponse`) in the
   * same transaction.
   */
  save(input: {
    order: Order;
    saga?: SagaState;
    events: CloudEvent[];
    lease?: SagaLease;
    returns?: OrderReturn[];
    response?: StoredResponse;
  }): Promise<boolean>;
  /** Takes the saga's lease when it is free, expired, or already `owner`'s. */
  claim(id: string, lease: SagaLease, now: number): Promise<boolean>;
  /** Open sagas whose lease has run out, oldest first. */
  unfinished(now: number, limit: number): Promise<string[]>;
  list(query: { userId?: string; limit: number; after?: string }): Promise<OrderPage>;

  getReturn(id: string): Promise<OrderReturn | undefined>;
  returnsOf(orderId: string): Promise<OrderReturn[]>;
  close(): Promise<void>;
}
