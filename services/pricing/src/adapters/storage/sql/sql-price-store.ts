import { newId } from '@emporium/kit';
import type {
  BoundaryOutcome,
  HistoryPage,
  HistoryPosition,
  PriceStore,
} from '../../../app/ports/price-store.ts';
import type { CurrentPrice, PriceInput } from '../../../domain/price.ts';
import { PricingErrors } from '../../../domain/errors.ts';
import { currentFromRow, periodFromRow } from './price-rows.ts';
import { rederivePrice } from './rederive-price.ts';
import type { PricingTransaction, SqlStoreContext } from './schema.ts';

/** Prices on SQLite or PostgreSQL through Kysely. */
export class SqlPriceStore implements PriceStore {
  private readonly context: SqlStoreContext;

  constructor(context: SqlStoreContext) {
    this.context = context;
  }

  async setPrice(
    input: PriceInput,
    now: number,
    precondition?: (version: number) => boolean,
  ): Promise<CurrentPrice | undefined> {
    const { db, lockPrice } = this.context;
    const result = await db.transaction().execute(async (trx) => {
      await lockPrice(trx, input.sku, input.currency);
      if (precondition) await checkVersion(trx, input, precondition);
      await writePrice(trx, input, now);
      return rederivePrice(trx, input.sku, input.currency, now);
    });
    if (result.changed) this.context.onCommit();
    return result.current;
  }

  async setPrices(
    inputs: readonly PriceInput[],
    now: number,
  ): Promise<(CurrentPrice | undefined)[]> {
    const { db, lockPrice } = this.context;
    const keys = [...new Set(inputs.map((input) => keyOf(input.sku, input.currency)))].sort();
    const { changed, current } = await db.transaction().execute(async (trx) => {
      // One order for every batch, so two batches on PostgreSQL never wait on each other in a cycle.
      for (const key of keys) await lockPrice(trx, ...splitKey(key));
      let anyChanged = false;
      const after = new Map<string, CurrentPrice | undefined>();
      for (const input of inputs) {
        await writePrice(trx, input, now);
        const result = await rederivePrice(trx, input.sku, input.currency, now);
        anyChanged ||= result.changed;
        after.set(keyOf(input.sku, input.currency), result.current);
      }
      return { changed: anyChanged, current: after };
    });
    if (changed) this.context.onCommit();
    return inputs.map((input) => current.get(keyOf(input.sku, input.currency)));
  }

  async current(sku: string, currency: string): Promise<CurrentPrice | undefined> {
    const row = await this.context.db
      .selectFrom('current_prices')
      .selectAll()
      .where('currency', '=', currency)
      .where('sku', '=', sku)
      .executeTakeFirst();
    return row ? currentFromRow(row) : undefined;
  }

  async currentMany(skus: readonly string[], currency: string): Promise<CurrentPrice[]> {
    if (skus.length === 0) return [];
    const rows = await this.context.db
      .selectFrom('current_prices')
      .selectAll()
      .where('currency', '=', currency)
      .where('sku', 'in', [...skus])
      .execute();
    return rows.flatMap((row) => currentFromRow(row) ?? []);
  }

  async history(
    sku: string,
    currency: string,
    { limit, after }: { limit: number; after?: HistoryPosition },
  ): Promise<HistoryPage> {
    let query = this.context.db
      .selectFrom('price_history')
      .selectAll()
      .where('sku', '=', sku)
      .where('currency', '=', currency);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('valid_from', '<', after.validFrom),
          eb.and([eb('valid_from', '=', after.validFrom), eb('id', '<', after.id)]),
        ]),
      );
    const rows = await query
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(periodFromRow),
      ...(rows.length > limit && last
        ? { nextAfter: { validFrom: Number(last.valid_from), id: last.id } }
        : {}),
    };
  }

  async nextBoundary(): Promise<number | undefined> {
    return nextBoundaryAfter(this.context.db, await watermark(this.context.db));
  }

  async applyNextBoundary(now: number): Promise<BoundaryOutcome> {
    const { db, lockPrice } = this.context;
    const outcome = await db.transaction().execute(async (trx): Promise<BoundaryOutcome> => {
      const processed = await watermark(trx);
      const at = await nextBoundaryAfter(trx, processed);
      if (at === undefined || at > now) return { kind: 'idle' };
      // The guard: only the replica whose compare-and-set moves the watermark applies it.
      const moved = await trx
        .updateTable('price_scheduler')
        .set({ processed_until: at })
        .where('id', '=', 1)
        .where('processed_until', '=', processed)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return { kind: 'raced' };
      for (const { sku, currency } of await keysWithBoundary(trx, at)) {
        await lockPrice(trx, sku, currency);
        await rederivePrice(trx, sku, currency, at);
      }
      // A window that ended no longer shapes any price: its history row keeps it.
      await trx.deleteFrom('price_schedules').where('valid_to', '<=', at).execute();
      return { kind: 'applied', at };
    });
    if (outcome.kind === 'applied') this.context.onCommit();
    return outcome;
  }
}

async function writePrice(trx: PricingTransaction, input: PriceInput, now: number) {
  const id = newId('prc', now);
  const common = {
    sku: input.sku,
    currency: input.currency,
    min_quantity: input.minQuantity,
    amount: input.amount,
    compare_at_amount: input.compareAtAmount ?? null,
  };
  const scheduled =
    input.validTo !== undefined || (input.validFrom !== undefined && input.validFrom > now);
  if (scheduled) {
    await trx
      .insertInto('price_schedules')
      .values({
        id,
        ...common,
        valid_from: input.validFrom ?? now,
        valid_to: input.validTo ?? null,
      })
      .execute();
    return;
  }
  await trx
    .insertInto('price_bases')
    .values({ ...common, set_id: id })
    .onConflict((oc) =>
      oc.columns(['sku', 'currency', 'min_quantity']).doUpdateSet({
        amount: common.amount,
        compare_at_amount: common.compare_at_amount,
        set_id: id,
      }),
    )
    .execute();
}

async function checkVersion(
  trx: PricingTransaction,
  input: PriceInput,
  precondition: (version: number) => boolean,
): Promise<void> {
  const row = await trx
    .selectFrom('current_prices')
    .select('version')
    .where('currency', '=', input.currency)
    .where('sku', '=', input.sku)
    .executeTakeFirst();
  const version = Number(row?.version ?? 0);
  if (!precondition(version))
    throw PricingErrors.VERSION_MISMATCH.create(
      `${input.sku} in ${input.currency} is at version ${version}`,
    );
}

const keyOf = (sku: string, currency: string) => `${sku}\u0000${currency}`;
const splitKey = (key: string) => key.split('\u0000') as [string, string];

type Reader = SqlStoreContext['db'] | PricingTransaction;

async function watermark(db: Reader): Promise<number> {
  const row = await db
    .selectFrom('price_scheduler')
    .select('processed_until')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.processed_until);
}

async function nextBoundaryAfter(db: Reader, after: number): Promise<number | undefined> {
  const [from, to] = await Promise.all([
    db
      .selectFrom('price_schedules')
      .select((eb) => eb.fn.min('valid_from').as('at'))
      .where('valid_from', '>', after)
      .executeTakeFirst(),
    db
      .selectFrom('price_schedules')
      .select((eb) => eb.fn.min('valid_to').as('at'))
      .where('valid_to', '>', after)
      .executeTakeFirst(),
  ]);
  const candidates = [from?.at, to?.at].filter((at) => at != null).map(Number);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

async function keysWithBoundary(trx: PricingTransaction, at: number) {
  const rows = await trx
    .selectFrom('price_schedules')
    .select(['sku', 'currency'])
    .where((eb) => eb.or([eb('valid_from', '=', at), eb('valid_to', '=', at)]))
    .distinct()
    .orderBy('sku')
    .orderBy('currency')
    .execute();
  return rows;
}
