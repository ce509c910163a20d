import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoffMs, storeUnavailable, type EngineRetryOptions } from './client.ts';

/** DynamoDB's cap on the items of one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Single-table design: every item has a string partition key `PK` and sort key `SK`. */
export type ItemKey = { PK: string; SK: string };

export type Condition = {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
};

/** What a failed condition means to the caller; `integrity` guards invariants (a bug, not input). */
export type GuardOf<G extends string> = G | 'integrity';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export interface TxOp<G extends string = never> {
  op: TransactItem;
  guard: GuardOf<G>;
}

/** Collects the writes of one transaction, each tagged with what its condition guards. */
export class TxOps<G extends string = never> {
  readonly ops: TxOp<G>[];
  readonly tableName: string;

  constructor(tableName: string, ops: TxOp<G>[] = []) {
    this.tableName = tableName;
    this.ops = ops;
  }

  /** The same transaction, writing to another table (a transaction may span tables). */
  in(tableName: string): TxOps<G> {
    return new TxOps<G>(tableName, this.ops);
  }

  put(
    item: ItemKey & Record<string, unknown>,
    guard: GuardOf<G> = 'integrity',
    when?: Condition,
  ): this {
    this.ops.push({
      op: { Put: { TableName: this.tableName, Item: item, ...conditionOf(when) } },
      guard,
    });
    return this;
  }

  delete(key: ItemKey, guard: GuardOf<G> = 'integrity', when?: Condition): this {
    this.ops.push({
      op: {
        Delete: {
          TableName: this.tableName,
          Key: { PK: key.PK, SK: key.SK },
          ...conditionOf(when),
        },
      },
      guard,
    });
    return this;
  }
}

export const isNew: Condition = { expression: 'attribute_not_exists(PK)' };
export const ownedBy = (id: string): Condition => ({
  expression: 'ownerId = :owner',
  values: { ':owner': id },
});
export const atVersion = (version: number): Condition => ({
  expression: '#version = :expected',
  names: { '#version': 'version' },
  values: { ':expected': version },
});

/** Which guards' conditions failed, and which lost a race with a concurrent transaction. */
export interface CancelledGuards<G extends string> {
  failed: ReadonlySet<GuardOf<G>>;
  conflicted: ReadonlySet<GuardOf<G>>;
}

/** How the caller's domain names a cancelled or oversized transaction; the kit knows no domain. */
export interface CommitErrors<G extends string> {
  /** The caller's error, or undefined to rethrow DynamoDB's own. */
  cancelled(guards: CancelledGuards<G>): Error | undefined;
  tooLarge(count: number): Error;
}

/**
 * Cancellation reasons that say nothing about the data: another transaction held an item
 * (TransactionConflict) or the table was throttled. Such a transaction wrote nothing and
 * may be sent again as it is.
 */
const TRANSIENT_REASONS = new Set([
  'None',
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/** True when every reason of the cancellation is transient (and one at least is not 'None'). */
export function isTransientCancellation(error: TransactionCanceledException): boolean {
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return (
    codes.some((code) => code !== 'None') && codes.every((code) => TRANSIENT_REASONS.has(code))
  );
}

export type CommitRetry = Omit<EngineRetryOptions, 'delayMs'> & {
  delayMs?: EngineRetryOptions['delayMs'];
  /** Tests only: how a pause is waited for. */
  sleep?: (ms: number) => Promise<unknown>;
};

/**
 * Commits the ops atomically, turning failed conditions into the caller's errors. A
 * cancellation the caller does not name and whose reasons are all transient (a conflict
 * with another transaction, throttling) is sent again with backoff and a fresh token; if
 * it persists, the caller gets 503 `COMMON.STORE_UNAVAILABLE`. Throttling, 5xx and network
 * errors of the request itself are retried by the client (`createDynamoClient`).
 */
export async function commit<G extends string>(
  client: DynamoDBDocumentClient,
  ops: TxOp<G>[],
  errors: CommitErrors<G>,
  retry: CommitRetry = {},
): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > MAX_TRANSACTION_ITEMS) throw errors.tooLarge(ops.length);
  const attempts = retry.maxAttempts ?? 6;
  const delayMs = retry.delayMs ?? ((n: number) => backoffMs(n));
  const wait = retry.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      // The token makes the SDK's automatic retries (same request) idempotent for 10 minutes:
      // a retry after a lost response succeeds instead of failing its own conditions. A
      // cancelled transaction wrote nothing, so the next try here takes a fresh one.
      await client.send(
        new TransactWriteCommand({
          TransactItems: ops.map((entry) => entry.op),
          ClientRequestToken: randomUUID(),
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const named = errors.cancelled(cancelledGuards(error, ops));
      if (named) throw named;
      if (!isTransientCancellation(error)) throw error;
      if (attempt >= attempts) throw storeUnavailable(error, retry.retryAfterSeconds ?? 1);
      await wait(delayMs(attempt));
    }
  }
}

function cancelledGuards<G extends string>(
  error: TransactionCanceledException,
  ops: TxOp<G>[],
): CancelledGuards<G> {
  const failed = new Set<GuardOf<G>>();
  const conflicted = new Set<GuardOf<G>>();
  (error.CancellationReasons ?? []).forEach((reason, index) => {
    const guard = ops[index]?.guard ?? 'integrity';
    if (reason.Code === 'ConditionalCheckFailed') failed.add(guard);
    if (reason.Code === 'TransactionConflict') conflicted.add(guard);
  });
  return { failed, conflicted };
}

function conditionOf(when: Condition | undefined) {
  if (!when) return {};
  return {
    ConditionExpression: when.expression,
    ...(when.names ? { ExpressionAttributeNames: when.names } : {}),
    ...(when.values ? { ExpressionAttributeValues: when.values } : {}),
  };
}

/** True for the SDK's error of a single write whose condition failed. */
export function isConditionFailure(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
