import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudEvent } from '@emporium/kit';
import {
  KeyedLocks,
  TxOps,
  appendEvents,
  commit,
  isNew,
  type ItemKey,
} from '@emporium/kit/dynamodb';
import type { CartScope, CartStore, CartView, CartWrites } from '../../../app/ports/cart-store.ts';
import type { CartRecord } from '../../../domain/cart.ts';
import { CartErrors } from '../../../domain/errors.ts';

export interface DynamoCartStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
  onCommit: () => void;
  /** Runs of one change before it gives up as busy (each lost a race to another change). */
  maxAttempts?: number;
}

/** Item keys of the cart's single table (the kit's outbox lives beside them). */
export const cartKeys = {
  cart: (id: string): ItemKey => ({ PK: `CART#${id}`, SK: 'CART' }),
  user: (userId: string): ItemKey => ({ PK: `USER#${userId}`, SK: 'USER' }),
};

type CartItem = ItemKey & { doc: string; version: number };
type Guard = 'raced';
class Raced extends Error {}

/**
 * Carts on DynamoDB: a change reads its carts consistently, decides, and writes the
 * carts, the customer's pointer item (`USER#<id>` → cart id: one cart per customer) and
 * the outbox in one TransactWriteItems conditioned on the versions it read. A lost race
 * runs the change again on the new state. Expired carts carry a `ttl` attribute, so
 * DynamoDB's TTL removes them; reads treat them as gone from their expiry on (ADR 0026).
 */
export class DynamoCartStore implements CartStore {
  private readonly options: DynamoCartStoreOptions;
  private readonly locks = new KeyedLocks();

  constructor(options: DynamoCartStoreOptions) {
    this.options = options;
  }

  async get(id: string): Promise<CartRecord | undefined> {
    const item = await this.getItem<CartItem>(cartKeys.cart(id));
    return item ? (JSON.parse(item.doc) as CartRecord) : undefined;
  }

  async ofUser(userId: string): Promise<CartRecord | undefined> {
    const pointer = await this.getItem<ItemKey & { cartId: string }>(cartKeys.user(userId));
    return pointer ? this.get(pointer.cartId) : undefined;
  }

  async change<T>(scope: CartScope, decide: (view: CartView) => CartWrites<T>): Promise<T> {
    const release = await this.locks.acquire([
      ...scope.cartIds.map((id) => `cart:${id}`),
      ...(scope.userId ? [`user:${scope.userId}`] : []),
    ]);
    try {
      const attempts = this.options.maxAttempts ?? 30;
      for (let attempt = 1; ; attempt += 1) {
        const view = await this.viewOf(scope);
        const writes = decide(view);
        try {
          await this.write(view, writes);
          return writes.result;
        } catch (error) {
          if (!(error instanceof Raced)) throw error;
          if (attempt >= attempts)
            throw CartErrors.BUSY.create(`Gave up after ${attempts} races on one cart`);
          await sleep(Math.random() * Math.min(50, 2 * attempt));
        }
      }
    } finally {
      release();
    }
  }

  async purgeExpired(): Promise<number> {
    // DynamoDB's TTL deletes expired carts (the `ttl` attribute); nothing to sweep here.
    return 0;
  }

  async close(): Promise<void> {
    // The client is shared with the outbox; the composition root destroys it.
  }

  private async viewOf(scope: CartScope): Promise<CartView> {
    const [carts, userCart] = await Promise.all([
      this.cartsOf(scope.cartIds),
      scope.userId ? this.ofUser(scope.userId) : undefined,
    ]);
    return { carts, userCart };
  }

  private async cartsOf(ids: readonly string[]): Promise<Map<string, CartRecord>> {
    const found = new Map<string, CartRecord>();
    let pending: ItemKey[] = [...new Set(ids)].map(cartKeys.cart);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > 20) throw new Error('DynamoDB left keys unprocessed 20 times in a row');
      const answer = await this.options.client.send(
        new BatchGetCommand({
          RequestItems: { [this.options.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of (answer.Responses?.[this.options.tableName] ?? []) as CartItem[]) {
        const cart = JSON.parse(item.doc) as CartRecord;
        found.set(cart.id, cart);
      }
      pending = (answer.UnprocessedKeys?.[this.options.tableName]?.Keys ?? []) as ItemKey[];
    }
    return found;
  }

  private async write<T>(view: CartView, writes: CartWrites<T>): Promise<void> {
    const ops = new TxOps<Guard>(this.options.tableName);
    const read = (id: string) =>
      view.carts.get(id) ?? (view.userCart?.id === id ? view.userCart : undefined);
    const deleted = writes.delete ?? [];
    const put = writes.put ?? [];
    for (const cart of put) {
      const before = read(cart.id);
      ops.put(
        {
          ...cartKeys.cart(cart.id),
          doc: JSON.stringify(cart),
          version: cart.version,
          ttl: Math.ceil(Date.parse(cart.expiresAt) / 1000),
        },
        'raced',
        before ? versionIs(before.version) : isNew,
      );
      if (!before && cart.userId) {
        const replaced = deleted.find((old) => old.userId === cart.userId);
        ops.put(
          { ...cartKeys.user(cart.userId), cartId: cart.id },
          'raced',
          replaced ? { expression: 'cartId = :old', values: { ':old': replaced.id } } : isNew,
        );
      }
    }
    for (const cart of deleted) {
      ops.delete(cartKeys.cart(cart.id), 'raced', versionIs(cart.version));
      const rebound = put.some((next) => next.userId !== null && next.userId === cart.userId);
      if (cart.userId && !rebound)
        ops.delete(cartKeys.user(cart.userId), 'raced', {
          expression: 'cartId = :id',
          values: { ':id': cart.id },
        });
    }
    appendEvents(ops, (writes.events ?? []) as CloudEvent[], this.options.now());
    if (ops.ops.length === 0) return;
    await commit(this.options.client, ops.ops, {
      cancelled: ({ failed, conflicted }) =>
        failed.has('raced') || conflicted.size > 0 ? new Raced('lost a race') : undefined,
      tooLarge: (count) => CartErrors.BUSY.create(`The change needs ${count} items, over 100`),
    });
    if ((writes.events?.length ?? 0) > 0) this.options.onCommit();
  }

  private async getItem<T>(key: ItemKey): Promise<T | undefined> {
    const answer = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: key, ConsistentRead: true }),
    );
    return answer.Item as T | undefined;
  }
}

const versionIs = (version: number) => ({
  expression: '#version = :read',
  names: { '#version': 'version' },
  values: { ':read': version },
});
