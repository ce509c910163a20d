import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@emporium/kit';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { ItemKey } from './keys.ts';

/** DynamoDB's cap on the items of one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

/** What a failed condition on an item means to the caller; `integrity` is a bug, not user input. */
export type Guard = 'version' | 'slug' | 'sku' | 'integrity';

type Condition = {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
};

export interface TxOp {
  op: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
  guard: Guard;
}

/** Collects the writes of one transaction, each tagged with what its condition guards. */
export class TxOps {
  readonly ops: TxOp[] = [];
  private readonly tableName: string;

  constructor(tableName: string) {
    this.tableName = tableName;
  }

  put(item: ItemKey & Record<string, unknown>, guard: Guard = 'integrity', when?: Condition): this {
    this.ops.push({
      op: { Put: { TableName: this.tableName, Item: item, ...conditionOf(when) } },
      guard,
    });
    return this;
  }

  delete(key: ItemKey, guard: Guard = 'integrity', when?: Condition): this {
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

/** Commits the ops atomically, turning failed conditions into the catalog's coded errors. */
export async function commit(client: DynamoDBDocumentClient, ops: TxOp[]): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > MAX_TRANSACTION_ITEMS) throw tooLarge(ops.length);
  try {
    // The token makes the SDK's automatic retries (same request) idempotent for 10 minutes:
    // a retry after a lost response succeeds instead of failing its own conditions.
    await client.send(
      new TransactWriteCommand({
        TransactItems: ops.map((entry) => entry.op),
        ClientRequestToken: randomUUID(),
      }),
    );
  } catch (error) {
    throw translateCancellation(error, ops);
  }
}

export function tooLarge(count: number): AppError {
  return new AppError(
    'unprocessable',
    'CATALOG.WRITE_TOO_LARGE',
    `This write needs ${count} items in one DynamoDB transaction (at most ${MAX_TRANSACTION_ITEMS}): use fewer variants or categories per change`,
  );
}

// Checked in this order: a stale version makes the other failures meaningless, and
// SQLite reports the slug before the SKUs (the product row is inserted first).
const precedence: Guard[] = ['version', 'slug', 'sku'];

function translateCancellation(error: unknown, ops: TxOp[]): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const failed = new Set<Guard>();
  (error.CancellationReasons ?? []).forEach((reason, index) => {
    const guard = ops[index]?.guard ?? 'integrity';
    if (reason.Code === 'ConditionalCheckFailed') failed.add(guard);
    // Another transaction is writing the same product or category right now: for an
    // optimistic update that is a lost race, answered like a stale version.
    if (reason.Code === 'TransactionConflict' && guard === 'version') failed.add(guard);
  });
  const guard = precedence.find((candidate) => failed.has(candidate));
  if (guard === 'version') {
    return CatalogErrors.VERSION_MISMATCH.create('The item has changed since it was read');
  }
  if (guard === 'slug') return CatalogErrors.SLUG_TAKEN.create('The slug is already used');
  if (guard === 'sku') {
    return CatalogErrors.DUPLICATE_SKU.create(
      'A SKU of this product is already used by another product',
    );
  }
  return error;
}

function conditionOf(when: Condition | undefined) {
  if (!when) return {};
  return {
    ConditionExpression: when.expression,
    ...(when.names ? { ExpressionAttributeNames: when.names } : {}),
    ...(when.values ? { ExpressionAttributeValues: when.values } : {}),
  };
}
