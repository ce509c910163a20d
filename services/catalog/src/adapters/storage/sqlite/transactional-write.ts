import type { SqliteHandle } from '@emporium/kit';
import type { Transaction } from 'kysely';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { CatalogSchema } from './schema.ts';

export interface SqliteStoreOptions {
  handle: SqliteHandle<CatalogSchema>;
  now: () => number;
  /** Called after each commit that wrote events, to wake the outbox relay. */
  onCommit: () => void;
}

/** Runs `work` in one transaction, maps uniqueness violations to coded errors, then signals the commit. */
export async function writeInTransaction(
  options: SqliteStoreOptions,
  work: (trx: Transaction<CatalogSchema>) => Promise<void>,
): Promise<void> {
  try {
    await options.handle.db.transaction().execute(work);
  } catch (error) {
    throw translateConstraint(error);
  }
  options.onCommit();
}

/** SQLite reports uniqueness violations by message; map the ones users can cause. */
function translateConstraint(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  if (!message.includes('UNIQUE constraint failed')) return error;
  if (message.includes('product_skus.sku')) {
    return CatalogErrors.DUPLICATE_SKU.create(
      'A SKU of this product is already used by another product',
    );
  }
  if (message.includes('.slug')) return CatalogErrors.SLUG_TAKEN.create('The slug is already used');
  return error;
}
