import {
  appendToOutbox,
  GroupCommit,
  runInSavepoints,
  type CloudEvent,
  type OutboxSchema,
} from '@emporium/kit';
import { sql, type Transaction } from 'kysely';
import type {
  IdempotencyRecord,
  OrderPage,
  OrderStore,
  OrderWithSaga,
  SagaLease,
  StoredResponse,
} from '../../../app/ports/order-store.ts';
import { withLineDefaults, type Order } from '../../../domain/order.ts';
import type { OrderReturn } from '../../../domain/returns.ts';
import { isSagaOpen, type SagaState } from '../../../domain/saga.ts';
import { isUniqueViolation, type OrdersDb, type OrdersSchema } from './schema.ts';

type Trx = Transaction<OrdersSchema & OutboxSchema>;

type Work = (trx: Trx) => Promise<unknown>;

/**
 * Orders, sagas, idempotency keys and returns on SQLite or PostgreSQL through Kysely.
 * A new order and its key go in one transaction whose key insert fails on a taken key,
 * so the database, not timing, decides which of concurrent requests places the order.
 * Updates are conditional on the stored version.
 *
 * Group commit (`groupCommit`, on SQLite, which has one writer and syncs every commit to
 * disk; the kit's `GroupCommit`, ADR 0038): writes that arrive while a transaction is being written queue up and commit
 * together, each in its own savepoint (a failed one rolls back alone), so one disk sync
 * serves the steps of many concurrent sagas. A write's promise settles after its commit.
 */
export class SqlOrderStore implements OrderStore {
  private readonly db: OrdersDb;
  private readonly onCommit: () => void;
  private readonly closeDb: () => Promise<void>;
  private readonly groups: GroupCommit<Work> | undefined;

  constructor(options: {
    db: OrdersDb;
    onCommit(): void;
    close(): Promise<void>;
    groupCommit?: boolean;
  }) {
    this.db = options.db;
    this.onCommit = options.onCommit;
    this.closeDb = options.close;
    this.groups = options.groupCommit
      ? new GroupCommit<Work>({
          // One turn of the event loop lets the writes of requests already in flight join.
          gather: { kind: 'turn' },
          commit: (group) =>
            this.db
              .transaction()
              .execute((trx) => runInSavepoints(trx, group, (work) => work(trx))),
        })
      : undefined;
  }

  /** `work` in a transaction: its own, or (group commit) a savepoint of a shared one. */
  private write<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    if (!this.groups) return this.db.transaction().execute(work);
    return this.groups.submit<T>(work);
  }

  async place(input: {
    order: Order;
    saga: SagaState;
    requestHash: string;
    lease: SagaLease;
    events: CloudEvent[];
  }): Promise<{ placed: true } | { placed: false; record: IdempotencyRecord }> {
    const { order, saga } = input;
    try {
      await this.write(async (trx) => {
        await trx
          .insertInto('idempotency_keys')
          .values({
            user_id: order.userId,
            key: order.idempotencyKey,
            request_hash: input.requestHash,
            order_id: order.id,
            response_status: null,
            response_body: null,
            created_at: order.createdAt,
          })
          .execute();
        await trx
          .insertInto('orders')
          .values({
            ...orderColumns(order, saga),
            lease_owner: input.lease.owner,
            lease_until: input.lease.until,
            idempotency_key: order.idempotencyKey,
            created_at: order.createdAt,
          })
          .execute();
        await appendToOutbox(trx, input.events, order.createdAt);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const record = await this.idempotency(order.userId, order.idempotencyKey);
      if (!record) throw error;
      return { placed: false, record };
    }
    this.onCommit();
    return { placed: true };
  }

  async idempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      userId: row.user_id,
      key: row.key,
      requestHash: row.request_hash,
      orderId: row.order_id,
      response:
        row.response_status === null
          ? null
          : { status: Number(row.response_status), body: JSON.parse(row.response_body ?? 'null') },
    };
  }

  async recordResponse(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.write((trx) => recordResponseIn(trx, userId, key, response));
  }

  async forgetAnsweredKeys(before: number, limit: number): Promise<number> {
    const result = await this.write((trx) => {
      const oldest = trx
        .selectFrom('idempotency_keys')
        .select(['user_id', 'key'])
        .where('created_at', '<', before)
        .where('response_status', 'is not', null)
        .orderBy('created_at')
        .limit(limit);
      // A row-value IN: both engines take it, Kysely's typed builder does not.
      return trx
        .deleteFrom('idempotency_keys')
        .where(sql<boolean>`(user_id, key) in (${oldest})`)
        .executeTakeFirst();
    });
    return Number(result.numDeletedRows);
  }

  async get(id: string): Promise<OrderWithSaga | undefined> {
    const row = await this.db
      .selectFrom('orders')
      .select(['body', 'saga', 'version'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      order: withLineDefaults({ ...(JSON.parse(row.body) as Order), version: Number(row.version) }),
      saga: JSON.parse(row.saga) as SagaState,
    };
  }

  async save(input: {
    order: Order;
    saga?: SagaState;
    events: CloudEvent[];
    lease?: SagaLease;
    returns?: OrderReturn[];
    response?: StoredResponse;
  }): Promise<boolean> {
    const { order } = input;
    const saved = await this.write(async (trx) => {
      let update = trx
        .updateTable('orders')
        .set({
          status: order.status,
          body: JSON.stringify(order),
          version: order.version,
          updated_at: order.updatedAt,
          ...(input.saga
            ? { saga: JSON.stringify(input.saga), saga_open: isSagaOpen(input.saga.step) ? 1 : 0 }
            : {}),
          ...(input.lease
            ? { lease_owner: input.lease.owner, lease_until: input.lease.until }
            : {}),
          // A finished saga holds no lease: a cancellation that reopens it is free to take.
          ...(input.saga && !isSagaOpen(input.saga.step)
            ? { lease_owner: null, lease_until: 0 }
            : {}),
        })
        .where('id', '=', order.id)
        .where('version', '=', order.version - 1);
      if (input.lease) update = update.where('lease_owner', '=', input.lease.owner);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      for (const ret of input.returns ?? []) await this.writeReturn(trx, ret);
      if (input.response)
        await recordResponseIn(trx, order.userId, order.idempotencyKey, input.response);
      await appendToOutbox(trx, input.events, order.updatedAt);
      return true;
    });
    if (saved && input.events.length > 0) this.onCommit();
    return saved;
  }

  async claim(id: string, lease: SagaLease, now: number): Promise<boolean> {
    const result = await this.write((trx) =>
      trx
        .updateTable('orders')
        .set({ lease_owner: lease.owner, lease_until: lease.until })
        .where('id', '=', id)
        .where('saga_open', '=', 1)
        .where((eb) => eb.or([eb('lease_until', '<=', now), eb('lease_owner', '=', lease.owner)]))
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async unfinished(now: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('orders')
      .select('id')
      .where('saga_open', '=', 1)
      .where('lease_until', '<=', now)
      .orderBy('lease_until')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  async list(query: { userId?: string; limit: number; after?: string }): Promise<OrderPage> {
    let select = this.db
      .selectFrom('orders')
      .select(['body', 'version'])
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
    if (query.after !== undefined) select = select.where('id', '<', query.after);
    const rows = await select.execute();
    const items = rows
      .slice(0, query.limit)
      .map((row) =>
        withLineDefaults({ ...(JSON.parse(row.body) as Order), version: Number(row.version) }),
      );
    return { items, next: rows.length > query.limit ? items.at(-1)!.id : null };
  }

  async getReturn(id: string): Promise<OrderReturn | undefined> {
    const row = await this.db
      .selectFrom('order_returns')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && (JSON.parse(row.body) as OrderReturn);
  }

  async returnsOf(orderId: string): Promise<OrderReturn[]> {
    const rows = await this.db
      .selectFrom('order_returns')
      .select('body')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.body) as OrderReturn);
  }

  close(): Promise<void> {
    return this.closeDb();
  }

  private async writeReturn(trx: Trx, ret: OrderReturn): Promise<void> {
    const columns = {
      status: ret.status,
      body: JSON.stringify(ret),
      version: ret.version,
      updated_at: ret.updatedAt,
    };
    await trx
      .insertInto('order_returns')
      .values({
        id: ret.id,
        order_id: ret.orderId,
        user_id: ret.userId,
        created_at: ret.createdAt,
        ...columns,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet(columns))
      .execute();
  }
}

/** The key's first answer; one already recorded stays. */
function recordResponseIn(trx: Trx, userId: string, key: string, response: StoredResponse) {
  return trx
    .updateTable('idempotency_keys')
    .set({ response_status: response.status, response_body: JSON.stringify(response.body) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}

function orderColumns(order: Order, saga: SagaState) {
  return {
    id: order.id,
    user_id: order.userId,
    status: order.status,
    body: JSON.stringify(order),
    saga: JSON.stringify(saga),
    saga_open: isSagaOpen(saga.step) ? 1 : 0,
    version: order.version,
    updated_at: order.updatedAt,
  };
}
