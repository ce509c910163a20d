import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@emporium/kit';
import {
  commit as commitTx,
  MAX_TRANSACTION_ITEMS,
  TxOps as KitTxOps,
  type CancelledGuards,
  type CommitErrors,
  type TxOp,
} from '@emporium/kit/dynamodb';
import { CatalogErrors } from '../../../domain/errors.ts';

export { atVersion, isNew, MAX_TRANSACTION_ITEMS, ownedBy } from '@emporium/kit/dynamodb';

/** What a failed condition on an item means to the catalog; `integrity` is a bug, not user input. */
export type Guard = 'version' | 'slug' | 'sku' | 'integrity';

/** The kit's transaction builder, tagged with the catalog's guards. */
export class TxOps extends KitTxOps<Exclude<Guard, 'integrity'>> {}

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

function cancelled({ failed, conflicted }: CancelledGuards<Guard>): Error | undefined {
  // Another transaction is writing the same product or category right now: for an
  // optimistic update that is a lost race, answered like a stale version.
  const guards = new Set([...failed, ...(conflicted.has('version') ? ['version' as const] : [])]);
  const guard = precedence.find((candidate) => guards.has(candidate));
  if (guard === 'version') {
    return CatalogErrors.VERSION_MISMATCH.create('The item has changed since it was read');
  }
  if (guard === 'slug') return CatalogErrors.SLUG_TAKEN.create('The slug is already used');
  if (guard === 'sku') {
    return CatalogErrors.DUPLICATE_SKU.create(
      'A SKU of this product is already used by another product',
    );
  }
  return undefined;
}

const catalogErrors: CommitErrors<Guard> = { cancelled, tooLarge };

/** Commits the ops atomically, turning failed conditions into the catalog's coded errors. */
export function commit(client: DynamoDBDocumentClient, ops: TxOp<Guard>[]): Promise<void> {
  return commitTx(client, ops, catalogErrors);
}
