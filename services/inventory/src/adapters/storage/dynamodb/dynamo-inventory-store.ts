import { setTimeout as sleep } from 'node:timers/promises';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '@emporium/kit';
import { commit, KeyedLocks } from '@emporium/kit/dynamodb';
import type {
  ChangeScope,
  ChangeView,
  ChangeWrites,
  InventoryStore,
} from '../../../app/ports/inventory-store.ts';
import type { AdjustmentEntry } from '../../../domain/adjustment.ts';
import { InventoryErrors } from '../../../domain/errors.ts';
import type { Reservation } from '../../../domain/reservation.ts';
import type { StockRecord } from '../../../domain/stock.ts';
import { changeOps } from './change-transaction.ts';
import { DynamoReads } from './dynamo-reads.ts';
import { keys, type InventoryTables } from './keys.ts';

export interface DynamoInventoryStoreOptions {
  client: DynamoDBDocumentClient;
  tables: InventoryTables;
  now: () => number;
  onCommit: () => void;
  /** Runs of one change before it gives up as busy (each lost a race to another change). */
  maxAttempts?: number;
}

/**
 * Changes of one process queue per SKU and reservation before they reach DynamoDB: the
 * conditions keep replicas apart, the queue keeps one replica's requests from racing
 * (and retrying) among themselves on a hot SKU. It is also what the emulator needs:
 * moto runs TransactWriteItems on a threaded server without a lock (ADR 0021).
 */
function lockKeysOf(scope: ChangeScope): string[] {
  return [
    ...scope.skus.map((sku) => `sku:${sku}`),
    ...(scope.reservationId ? [`res:${scope.reservationId}`] : []),
    ...(scope.orderId ? [`order:${scope.orderId}`] : []),
  ];
}

/** Thrown inside a change that lost a race: the loop reads again and decides again. */
class Raced extends Error {}

/**
 * Inventory on DynamoDB: a change reads its items consistently, decides, and writes
 * everything (stock, audit, reservation, order key, expiry index, outbox) in one
 * TransactWriteItems whose conditions say "still as I read it". Losing a race cancels
 * the transaction; the change runs again on the new state, after a short jittered
 * pause. A shortage is decided on the latest state, so it is never a lost race.
 */
export class DynamoInventoryStore implements InventoryStore {
  /** TransactWriteItems' limit: a batch count is cut into changes that fit (ADR 0021). */
  readonly maxChangeItems = 100;
  private readonly options: DynamoInventoryStoreOptions;
  private readonly reads: DynamoReads;
  private readonly locks = new KeyedLocks();

  constructor(options: DynamoInventoryStoreOptions) {
    this.options = options;
    this.reads = new DynamoReads(options.client, options.tables);
  }

  async readStock(skus: readonly string[]): Promise<StockRecord[]> {
    const found = await this.reads.stock(skus);
    return skus.flatMap((sku) => found.get(sku) ?? []);
  }

  reservation(id: string): Promise<Reservation | undefined> {
    return this.reads.reservation(id);
  }

  async auditTrail(sku: string, limit: number, cursor?: string): Promise<Page<AdjustmentEntry>> {
    const before = decodeCursor(cursor, (value): value is string => typeof value === 'string');
    const answer = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tables.log,
        KeyConditionExpression: before === undefined ? 'PK = :pk' : 'PK = :pk AND SK < :before',
        ExpressionAttributeValues: {
          ':pk': keys.audit(sku, '').PK,
          ...(before === undefined ? {} : { ':before': before }),
        },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const rows = (answer.Items ?? []) as { doc: string }[];
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as AdjustmentEntry);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
  }

  async change<T>(scope: ChangeScope, decide: (view: ChangeView) => ChangeWrites<T>): Promise<T> {
    const release = await this.locks.acquire(lockKeysOf(scope));
    try {
      return await this.attempt(scope, decide);
    } finally {
      release();
    }
  }

  private async attempt<T>(
    scope: ChangeScope,
    decide: (view: ChangeView) => ChangeWrites<T>,
  ): Promise<T> {
    const attempts = this.options.maxAttempts ?? 60;
    for (let attempt = 1; ; attempt += 1) {
      const view = await this.viewOf(scope);
      const writes = decide(view);
      try {
        await this.write(view, writes);
        return writes.result;
      } catch (error) {
        if (!(error instanceof Raced)) throw error;
        if (attempt >= attempts)
          throw InventoryErrors.BUSY.create(`Gave up after ${attempts} races on one change`);
        // Spread the losers out so the next round does not collide again at once.
        await sleep(Math.random() * Math.min(50, 2 * attempt));
      }
    }
  }

  async dueReservations(now: number, limit: number): Promise<string[]> {
    return (await this.reads.held(now, limit)).map((entry) => entry.id);
  }

  async nextExpiry(): Promise<number | undefined> {
    const [first] = await this.reads.held(Number.MAX_SAFE_INTEGER, 1);
    return first?.expiresAt;
  }

  async close(): Promise<void> {
    // The client is shared with the outbox; the composition root destroys it.
  }

  private async viewOf(scope: ChangeScope): Promise<ChangeView> {
    const key = scope.adjustmentKey;
    const [stock, reservation, keyed] = await Promise.all([
      this.reads.stock(scope.skus),
      scope.reservationId
        ? this.reads.reservation(scope.reservationId)
        : scope.orderId
          ? this.reads.reservationOfOrder(scope.orderId)
          : undefined,
      key ? this.reads.keyedAdjustment(key.sku, key.key) : undefined,
    ]);
    return { stock, reservation, ...(keyed ? { keyedAdjustment: keyed } : {}) };
  }

  private async write<T>(view: ChangeView, writes: ChangeWrites<T>): Promise<void> {
    const ops = changeOps(this.options.tables, view, writes, this.options.now());
    if (ops.ops.length === 0) return;
    await commit(this.options.client, ops.ops, {
      cancelled: ({ failed, conflicted }) =>
        failed.has('raced') || conflicted.size > 0 ? new Raced('lost a race') : undefined,
      tooLarge: (count) =>
        InventoryErrors.TOO_MANY_SKUS.create(
          `The change needs ${count} items, over DynamoDB's 100`,
        ),
    });
    if ((writes.events?.length ?? 0) > 0) this.options.onCommit();
  }
}
