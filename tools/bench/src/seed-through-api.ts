// Seeds products the way an admin would: through the gateway's public API, so they take the
// real write path (catalog → DynamoDB → outbox → Kafka → search indexer → OpenSearch).
import { slugify } from '@emporium/catalog';
import { generateDemoCatalog, type DemoProduct } from '@emporium/platform/seed';

/** The distributed platform refuses the default admin password: the bench sets this one. */
export const BENCH_ADMIN = {
  email: 'admin@emporium.local',
  password: 'Bench-Lantern-Harbor-42',
};
/** Above the distributed gateway's 30 s upstream timeout (ADR 0040). */
const REQUEST_TIMEOUT_MS = 35_000;
/** Tries per product: the engines are shared, so one can stall for a moment (a 5xx). */
const CREATE_ATTEMPTS = 3;

export interface SeedOptions {
  productCount: number;
  /** Product creations in flight at once. */
  concurrency: number;
  /** How long the search index may take to report every product. */
  indexTimeoutMs: number;
  /** Told about retries. */
  log?: (line: string) => void;
}

export interface SeedResult {
  productIds: string[];
  /** Until every POST /api/products answered. */
  createMs: number;
  /** From the first POST until search reported them all. */
  searchableMs: number;
}

/**
 * Logs in as the admin, creates `productCount` demo products (names, brands, descriptions,
 * attributes and variants of the demo catalog, seed 42; no categories), and waits until
 * `GET /api/search?q=` counts them all.
 */
export async function seedThroughApi(gateway: string, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const token = await login(gateway);
  const bodies = generateDemoCatalog({ seed: 42, productCount: options.productCount }).products.map(
    createBody,
  );
  const productIds = await mapConcurrently(bodies, options.concurrency, async (body, index) => {
    const which = `product ${index + 1} of ${bodies.length}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await createProduct(gateway, token, body);
      } catch (error) {
        // The try that failed may have committed all the same: then its slug and SKUs are taken.
        if (attempt > 1 && error instanceof HttpError && error.status === 409) {
          return productIdOf(gateway, body.slug);
        }
        if (attempt >= CREATE_ATTEMPTS || !isTransient(error)) {
          throw new Error(`${which}: ${(error as Error).message}`, { cause: error });
        }
        options.log?.(`Distributed: ${which} failed (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
      }
    }
  });
  const createMs = performance.now() - started;
  await waitForSearchTotal(gateway, options.productCount, options.indexTimeoutMs);
  return { productIds, createMs, searchableMs: performance.now() - started };
}

/**
 * The demo product as a `POST /products` body: active, without categories, price or stock.
 * The slug is the one the catalog would derive (demo names are unique), given so that a
 * retried create can find the product of a try that did commit.
 */
function createBody(product: DemoProduct) {
  const { name, description, brand, attributes, variants } = product;
  return { name, description, brand, attributes, variants, status: 'active', slug: slugify(name) };
}

class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A 5xx, a timeout or a refused connection: worth another try. */
function isTransient(error: unknown): boolean {
  return error instanceof HttpError ? error.status >= 500 : error instanceof Error;
}

async function request(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new HttpError(
      response.status,
      `${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as unknown;
}

async function login(gateway: string): Promise<string> {
  const answer = (await request(`${gateway}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(BENCH_ADMIN),
  })) as { accessToken?: string };
  if (!answer.accessToken) throw new Error('POST /api/auth/login answered no accessToken');
  return answer.accessToken;
}

async function productIdOf(gateway: string, slug: string): Promise<string> {
  const product = (await request(`${gateway}/api/products/${slug}`)) as { id?: string };
  if (!product.id) throw new Error(`GET /api/products/${slug} answered no product id`);
  return product.id;
}

async function createProduct(gateway: string, token: string, body: object): Promise<string> {
  const product = (await request(`${gateway}/api/products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })) as { id?: string };
  if (!product.id) throw new Error('POST /api/products answered no product id');
  return product.id;
}

/** `fn` over every item, at most `limit` at a time; results in the items' order. */
async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function waitForSearchTotal(gateway: string, expected: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { total } = (await request(`${gateway}/api/search?q=`)) as { total: number };
    if (total >= expected) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `search counted ${total} of ${expected} products after ${timeoutMs / 1000} s ` +
          '(the Kafka → OpenSearch indexer is behind or stuck)',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
