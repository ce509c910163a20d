import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  ProductJsonPage,
  ProductListQuery,
  StoredProductJson,
} from '../../../app/ports/product-store.ts';
import type { ProductStatus } from '../../../domain/product.ts';

type Row = { id: string; status: string; version: number; doc: string };

/**
 * The catalog's hot read paths as hand-written, prepared statements: a product read
 * or a page of products is one indexed SQLite lookup with no query building per call.
 */
export class ProductReads {
  private readonly raw: DatabaseSync;
  private readonly byId: StatementSync;
  private readonly bySlug: StatementSync;
  private readonly listStatements = new Map<string, StatementSync>();

  constructor(raw: DatabaseSync) {
    this.raw = raw;
    this.byId = raw.prepare('SELECT id, status, version, doc FROM products WHERE id = ?');
    this.bySlug = raw.prepare('SELECT id, status, version, doc FROM products WHERE slug = ?');
  }

  get(idOrSlug: string): StoredProductJson | undefined {
    const statement = idOrSlug.startsWith('prd_') ? this.byId : this.bySlug;
    const row = statement.get(idOrSlug) as Row | undefined;
    return row ? storedOf(row) : undefined;
  }

  list(query: ProductListQuery): ProductJsonPage {
    const categories = query.categoryIds ?? [];
    const parameters: (string | number)[] = [...query.statuses];
    if (query.after) parameters.push(query.after);
    if (query.brand) parameters.push(query.brand.toLowerCase());
    parameters.push(...categories, query.limit + 1);
    const rows = this.listStatement(
      query.statuses.length,
      Boolean(query.after),
      Boolean(query.brand),
      query.categoryIds?.length,
    ).all(...parameters) as Row[];
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(storedOf),
      nextAfter: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  }

  private listStatement(
    statuses: number,
    after: boolean,
    brand: boolean,
    categories: number | undefined,
  ): StatementSync {
    const key = `${statuses}:${after}:${brand}:${categories ?? -1}`;
    let statement = this.listStatements.get(key);
    if (!statement) {
      const conditions = [`status IN (${placeholders(statuses)})`];
      if (after) conditions.push('id < ?');
      if (brand) conditions.push('brand_key = ?');
      if (categories !== undefined) {
        conditions.push(
          `EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = products.id AND pc.category_id IN (${placeholders(categories)}))`,
        );
      }
      statement = this.raw.prepare(
        `SELECT id, status, version, doc FROM products WHERE ${conditions.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      );
      if (this.listStatements.size > 200) this.listStatements.clear();
      this.listStatements.set(key, statement);
    }
    return statement;
  }
}

function placeholders(count: number): string {
  return count === 0 ? 'NULL' : Array.from({ length: count }, () => '?').join(', ');
}

function storedOf(row: Row): StoredProductJson {
  return { id: row.id, status: row.status as ProductStatus, version: row.version, json: row.doc };
}
