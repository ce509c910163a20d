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
type VersionRow = { id: string; version: number } | undefined;

/** Committed records remembered (by cart id), the most recently written last. */
const REMEMBERED_RECORDS = 1_000;

/** A record shared between callers must not change under them: frozen to the leaves. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The committed record of each cart, by its version. A read still reads the row's version
 * (SQLite stays the truth, whoever wrote it); only when it is the version remembered is
 * the same frozen record answered again, instead of copying and parsing ~2 KB of JSON on
 * every read. Only committed records are remembered, and every committed change of a cart
 * has a higher version than the one before, so a version names one document.
 */
class CommittedRecords {
  private readonly entries = new Map<string, CartRecord>();

  at(id: string, version: number): CartRecord | undefined {
    const known = this.entries.get(id);
    return known?.version === version ? known : undefined;
  }

  remember(record: CartRecord): void {
    this.entries.delete(record.id);
    this.entries.set(record.id, deepFreeze(record));
    if (this.entries.size > REMEMBERED_RECORDS)
      this.entries.delete(this.entries.keys().next().value!);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}

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
  private readonly records = new CommittedRecords();

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
    return this.recordAt(this.statements.versionById.get(id) as VersionRow);
  }

  async ofUser(userId: string): Promise<CartRecord | undefined> {
    return this.recordAt(this.statements.versionByUser.get(userId) as VersionRow);
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
    const written: CartRecord[][] = [];
    let index = 0;
    const outcomes = this.transaction.run(group, (change) => {
      const at = index++;
      const writes = change.decide(this.viewOf(change.scope));
      this.write(writes);
      written[at] = writes.put ?? [];
      wroteEvents ||= (writes.events?.length ?? 0) > 0;
      return writes.result;
    });
    // Committed now: what each change that kept its savepoint wrote is the carts' truth.
    outcomes.forEach((outcome, at) => {
      if (outcome.ok) for (const cart of written[at] ?? []) this.records.remember(cart);
    });
    if (wroteEvents) this.options.onCommit();
    return outcomes;
  }

  private viewOf(scope: CartScope): CartView {
    const carts = new Map<string, CartRecord>();
    for (const id of scope.cartIds) {
      const cart = this.recordAt(this.statements.versionById.get(id) as VersionRow);
      if (cart) carts.set(id, cart);
    }
    const userCart = scope.userId
      ? this.recordAt(this.statements.versionByUser.get(scope.userId) as VersionRow)
      : undefined;
    return { carts, userCart };
  }

  /**
   * The record of the row whose version was read: the committed one remembered, else its
   * document parsed. A document read inside a change's transaction may not be committed,
   * so only one read outside any is remembered.
   */
  private recordAt(row: VersionRow): CartRecord | undefined {
    if (!row) return undefined;
    const known = this.records.at(row.id, row.version);
    if (known) return known;
    const doc = this.statements.byId.get(row.id) as DocRow;
    if (!doc) return undefined;
    const record = deepFreeze(JSON.parse(doc.doc) as CartRecord);
    if (!this.options.handle.raw.isTransaction) this.records.remember(record);
    return record;
  }

  private write<T>(writes: CartWrites<T>): void {
    const s = this.statements;
    for (const cart of writes.delete ?? []) {
      s.remove.run(cart.id);
      this.records.forget(cart.id);
    }
    for (const cart of writes.put ?? []) {
      const doc = JSON.stringify(cart);
      try {
        s.upsert.run(cart.id, cart.userId, cart.version, Date.parse(cart.expiresAt), doc);
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
