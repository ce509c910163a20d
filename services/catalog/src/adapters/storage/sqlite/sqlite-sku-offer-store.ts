import type { SqliteHandle } from '@emporium/kit';
import type { Kysely } from 'kysely';
import type {
  OfferUpdate,
  PriceUpdate,
  SkuOfferStore,
  StockUpdate,
} from '../../../app/ports/sku-offer-store.ts';
import type { SkuOffer } from '../../../domain/offer.ts';
import type { CatalogSchema } from './schema.ts';

/** SKUs per `IN (...)` read, far below SQLite's bound-variable limit. */
const SKUS_PER_READ = 500;

type OfferRow = CatalogSchema['sku_offers'];

/**
 * Prices and stock per SKU in the catalog's SQLite file. Each write is one upsert whose
 * `WHERE` keeps the later ordering key; `RETURNING` yields a row only when it wrote.
 * `applyAll` runs a batch's upserts in one transaction: one disk sync for all of them.
 */
export class SqliteSkuOfferStore implements SkuOfferStore {
  private readonly handle: SqliteHandle<CatalogSchema>;

  constructor(handle: SqliteHandle<CatalogSchema>) {
    this.handle = handle;
  }

  applyPrice(update: PriceUpdate): Promise<boolean> {
    return writePrice(this.handle.db, update);
  }

  applyStock(update: StockUpdate): Promise<boolean> {
    return writeStock(this.handle.db, update);
  }

  async applyAll(updates: readonly OfferUpdate[]): Promise<Set<string>> {
    const changed = new Set<string>();
    if (updates.length === 0) return changed;
    await this.handle.db.transaction().execute(async (trx) => {
      for (const update of updates) {
        const written =
          update.kind === 'price' ? await writePrice(trx, update) : await writeStock(trx, update);
        if (written) changed.add(update.sku);
      }
    });
    return changed;
  }

  async getMany(skus: readonly string[]): Promise<Map<string, SkuOffer>> {
    const offers = new Map<string, SkuOffer>();
    for (let start = 0; start < skus.length; start += SKUS_PER_READ) {
      const rows = await this.handle.db
        .selectFrom('sku_offers')
        .selectAll()
        .where('sku', 'in', skus.slice(start, start + SKUS_PER_READ))
        .execute();
      for (const row of rows) offers.set(row.sku, toOffer(row));
    }
    return offers;
  }

  async close(): Promise<void> {
    // The handle belongs to the product store's file; the composition root closes it.
  }
}

async function writePrice(
  db: Kysely<CatalogSchema>,
  { sku, price, at }: PriceUpdate,
): Promise<boolean> {
  const values = {
    currency: price?.currency ?? null,
    amount: price?.amount ?? null,
    compare_at_amount: price?.compareAtAmount ?? null,
    price_at: at,
  };
  const written = await db
    .insertInto('sku_offers')
    .values({ sku, ...values, available: null, stock_version: null })
    .onConflict((oc) =>
      oc
        .column('sku')
        .doUpdateSet(values)
        // Equal `at` is applied: one SKU's events keep their order on the bus, so a tie is the later one.
        .where((eb) =>
          eb.or([eb('sku_offers.price_at', 'is', null), eb('sku_offers.price_at', '<=', at)]),
        ),
    )
    .returning('sku')
    .executeTakeFirst();
  return written !== undefined;
}

async function writeStock(
  db: Kysely<CatalogSchema>,
  { sku, available, version }: StockUpdate,
): Promise<boolean> {
  const values = { available, stock_version: version };
  const written = await db
    .insertInto('sku_offers')
    .values({
      sku,
      ...values,
      currency: null,
      amount: null,
      compare_at_amount: null,
      price_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('sku')
        .doUpdateSet(values)
        .where((eb) =>
          eb.or([
            eb('sku_offers.stock_version', 'is', null),
            eb('sku_offers.stock_version', '<', version),
          ]),
        ),
    )
    .returning('sku')
    .executeTakeFirst();
  return written !== undefined;
}

function toOffer(row: OfferRow): SkuOffer {
  const price =
    row.amount === null || row.currency === null
      ? null
      : {
          amount: row.amount,
          currency: row.currency,
          ...(row.compare_at_amount === null ? {} : { compareAtAmount: row.compare_at_amount }),
        };
  return { sku: row.sku, price, available: row.available };
}
