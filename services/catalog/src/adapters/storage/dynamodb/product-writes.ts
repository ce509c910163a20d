import type { CloudEvent } from '@emporium/kit';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { Product } from '../../../domain/product.ts';
import { appendEvents } from '@emporium/kit/dynamodb';
import { keys, membershipItem, productItem } from './keys.ts';
import {
  MAX_TRANSACTION_ITEMS,
  TxOps,
  atVersion,
  isNew,
  ownedBy,
  tooLarge,
} from './transaction.ts';

/** The product, a claim on its slug and each SKU, its category memberships. */
export function addCreate(ops: TxOps, product: Product): void {
  ops.put(productItem(product), 'integrity', isNew);
  ops.put({ ...keys.slug(product.slug), ownerId: product.id }, 'slug', isNew);
  for (const sku of skusOf(product))
    ops.put({ ...keys.sku(sku), ownerId: product.id }, 'sku', isNew);
  for (const categoryId of new Set(product.categoryIds)) {
    ops.put(membershipItem(categoryId, product));
  }
}

/**
 * Only what changed between `current` (read at `expectedVersion`) and `next`: the
 * version condition on the product makes the diff safe, since any concurrent write
 * would have moved the version and cancelled this transaction.
 */
export function addUpdate(
  ops: TxOps,
  current: Product,
  next: Product,
  expectedVersion: number,
): void {
  ops.put(productItem(next), 'version', atVersion(expectedVersion));
  if (next.slug !== current.slug) {
    ops.put({ ...keys.slug(next.slug), ownerId: next.id }, 'slug', isNew);
    ops.delete(keys.slug(current.slug), 'integrity', ownedBy(current.id));
  }
  const [addedSkus, releasedSkus] = difference(skusOf(next), skusOf(current));
  for (const sku of addedSkus) ops.put({ ...keys.sku(sku), ownerId: next.id }, 'sku', isNew);
  for (const sku of releasedSkus) ops.delete(keys.sku(sku), 'integrity', ownedBy(current.id));
  const [addedCategories, leftCategories] = difference(next.categoryIds, current.categoryIds);
  // Memberships copy status and brand: when those change, every membership is rewritten.
  const copiesChanged =
    next.status !== current.status || next.brand.toLowerCase() !== current.brand.toLowerCase();
  const rewritten = copiesChanged ? [...new Set(next.categoryIds)] : addedCategories;
  for (const categoryId of rewritten) ops.put(membershipItem(categoryId, next));
  for (const categoryId of leftCategories) ops.delete(keys.membership(categoryId, current.id));
}

/**
 * Splits a bulk import into transactions of at most 100 items (and well under the
 * 4 MB request cap), each product whole with its own events (matched by subject).
 * Events about no product of the batch ride with the last chunk.
 */
export function chunkCreates(
  tableName: string,
  products: Product[],
  events: CloudEvent[],
  now: number,
): TxOps[] {
  assertDistinctClaims(products);
  const eventsOf = Map.groupBy(events, (event) => event.subject);
  const units = products.map((product) => {
    const ops = new TxOps(tableName);
    addCreate(ops, product);
    appendEvents(ops, eventsOf.get(product.id) ?? [], now);
    return ops;
  });
  const ids = new Set(products.map((product) => product.id));
  const tail = new TxOps(tableName);
  appendEvents(
    tail,
    events.filter((event) => !ids.has(event.subject)),
    now,
  );
  return pack(tableName, [...units, tail]);
}

/** Greedy packing of whole units into transactions; sizes are checked before anything is written. */
function pack(tableName: string, units: TxOps[]): TxOps[] {
  const chunks: TxOps[] = [];
  let current = new TxOps(tableName);
  let bytes = 0;
  for (const unit of units) {
    if (unit.ops.length > MAX_TRANSACTION_ITEMS) throw tooLarge(unit.ops.length);
    const size = sizeOf(unit);
    const full = current.ops.length + unit.ops.length > MAX_TRANSACTION_ITEMS;
    if (current.ops.length > 0 && (full || bytes + size > MAX_CHUNK_BYTES)) {
      chunks.push(current);
      current = new TxOps(tableName);
      bytes = 0;
    }
    current.ops.push(...unit.ops);
    bytes += size;
  }
  if (current.ops.length > 0) chunks.push(current);
  return chunks;
}

const MAX_CHUNK_BYTES = 3_000_000;

function sizeOf(ops: TxOps): number {
  return ops.ops.reduce((total, entry) => total + JSON.stringify(entry.op).length, 0);
}

/**
 * Two products of one batch claiming the same SKU or slug would be two writes of one
 * item, which DynamoDB rejects as invalid rather than as a failed condition.
 */
function assertDistinctClaims(products: Product[]): void {
  const skus = new Set<string>();
  const slugs = new Set<string>();
  for (const product of products) {
    if (slugs.has(product.slug)) throw CatalogErrors.SLUG_TAKEN.create('The slug is already used');
    slugs.add(product.slug);
    for (const sku of skusOf(product)) {
      if (skus.has(sku)) {
        throw CatalogErrors.DUPLICATE_SKU.create(`SKU ${sku} is used by two products of the batch`);
      }
      skus.add(sku);
    }
  }
}

function skusOf(product: Product): string[] {
  return [...new Set(product.variants.map((variant) => variant.sku))];
}

/** [in `next` only, in `previous` only]. */
function difference(next: string[], previous: string[]): [string[], string[]] {
  const before = new Set(previous);
  const after = new Set(next);
  return [[...after].filter((x) => !before.has(x)), [...before].filter((x) => !after.has(x))];
}
