import { GroupCommit, SqliteGroupTransaction, type SqliteHandle } from '@emporium/kit';
import type { CartScope, CartStore, CartView, CartWrites } from '../../../app/ports/cart-store.ts';
import type { CartRecord } from '../../../domain/cart.ts';
import { CartErrors } from '../../../domain/errors.ts';
import type { CartSchema } from './schema.ts';
import { CartStatements } from './statements.ts';

export interface SqliteCartStoreOptions {
  handle: SqliteHandle<CartSchema>;
  now: () => number;
  /** After each commit that wrote events: wakes the outbox relay. */
  onCommit: () => void;
  /**
   * How long the first change of a group waits for others before the group commits
   * (0: one turn of the event loop). Under load a millisecond gathers the requests that
   * arrived while the previous group was syncing, so one sync serves many more of them.
   */
  groupWaitMs?: number;
}

interface QueuedChange {
  scope: CartScope;
  decide: (view: CartView) => CartWrites<unknown>;
}

type DocRow = { doc: string } | undefined;
const parse = (row: unknown): CartRecord | undefined =>
  row ? (JSON.parse((row as { doc: string }).doc) as CartRecord) : undefined;

/**
 * Carts on SQLite, with synchronous=FULL kept. Changes run synchronously inside one
 * `BEGIN IMMEDIATE` transaction on the connection Kysely lends (so they never interleave
 * with the relay's queries): read, decide, write, nothing awaited in between. Changes
 * that arrive while a transaction is written queue up and commit together, each in its
 * own savepoint (a refused one rolls back alone): one disk sync serves many adds, the
 * same group commit as the inventory's (the kit's `GroupCommit`, ADRs 0021, 0038).
 */
export class SqliteCartStore implements CartStore {
  private readonly options: SqliteCartStoreOptions;
  private readonly statements: CartStatements;
  private readonly transaction: SqliteGroupTransaction;
  private readonly groups: GroupCommit<QueuedChange>;

  constructor(options: SqliteCartStoreOptions) {
    this.options = options;
    this.statements = new CartStatements(options.handle.raw);
    this.transaction = new SqliteGroupTransaction(options.handle.raw);
    this.groups = new GroupCommit({
      // One turn of the event loop (or groupWaitMs) lets requests already read join it.
      gather: { kind: 'timer', ms: options.groupWaitMs ?? 0 },
      // On the connection Kysely lends, so a group never interleaves with the relay's queries.
      commit: (group) =>
        options.handle.db.connection().execute(async () => this.commitGroup(group)),
    });
  }

  async get(id: string): Promise<CartRecord | undefined> {
    return parse(this.statements.byId.get(id) as DocRow);
  }

  async ofUser(userId: string): Promise<CartRecord | undefined> {
    return parse(this.statements.byUser.get(userId) as DocRow);
  }

  change<T>(scope: CartScope, decide: (view: CartView) => CartWrites<T>): Promise<T> {
    return this.groups.submit<T>({ scope, decide });
  }

  async purgeExpired(now: number, limit: number): Promise<number> {
    const ids = (this.statements.expired.all(now, limit) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return 0;
    return this.change({ cartIds: ids }, (view) => {
      const gone = [...view.carts.values()].filter((cart) => Date.parse(cart.expiresAt) <= now);
      return { result: gone.length, delete: gone };
    });
  }

  async close(): Promise<void> {
    // The handle is shared with the outbox; the composition root closes it.
  }

  private commitGroup(group: readonly QueuedChange[]) {
    let wroteEvents = false;
    const outcomes = this.transaction.run(group, (change) => {
      const writes = change.decide(this.viewOf(change.scope));
      this.write(writes);
      wroteEvents ||= (writes.events?.length ?? 0) > 0;
      return writes.result;
    });
    if (wroteEvents) this.options.onCommit();
    return outcomes;
  }

  private viewOf(scope: CartScope): CartView {
    const carts = new Map<string, CartRecord>();
    for (const id of scope.cartIds) {
      const cart = parse(this.statements.byId.get(id));
      if (cart) carts.set(id, cart);
    }
    const userCart = scope.userId ? parse(this.statements.byUser.get(scope.userId)) : undefined;
    return { carts, userCart };
  }

  private write<T>(writes: CartWrites<T>): void {
    const s = this.statements;
    for (const cart of writes.delete ?? []) s.remove.run(cart.id);
    for (const cart of writes.put ?? []) {
      try {
        s.upsert.run(
          cart.id,
          cart.userId,
          cart.version,
          Date.parse(cart.expiresAt),
          JSON.stringify(cart),
        );
      } catch (error) {
        // The unique user_id: a second cart for a customer who has one.
        if (String((error as Error).message).includes('UNIQUE'))
          throw CartErrors.BUSY.create('The customer got a cart at the same moment', {
            cause: error,
          });
        throw error;
      }
    }
    s.appendEvents(writes.events ?? [], this.options.now());
  }
}
