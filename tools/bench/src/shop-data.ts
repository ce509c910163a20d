// Prices and stock the pricing and inventory scenarios need, set up through the gateway as
// an admin would, and what the bench reads back afterwards: the oversold units.
import { randomBytes, randomUUID } from 'node:crypto';
import { SERVICE_MANIFEST } from '@emporium/contracts';
import type { CheckReport } from './report.ts';

/** Above the distributed gateway's 30 s upstream timeout, so its 504 arrives first (ADR 0040). */
const REQUEST_TIMEOUT_MS = 35_000;
/** How many stock records one `GET /inventory?skus=` returns at most (API.md: batch of 100). */
const BATCH = 100;

export interface Credentials {
  email: string;
  password: string;
}

/** The bootstrap admin of `npm start` (embedded mode allows the default password). */
export const EMBEDDED_ADMIN: Credentials = {
  email: 'admin@emporium.local',
  password: 'admin-password',
};

/**
 * SERVICE_CREDENTIALS for the platform under test: every service of the manifest plus a
 * `bench` client, which stands in for the orders service when it reserves stock.
 */
export function benchServiceCredentials(): {
  value: string;
  client: { clientId: string; clientSecret: string };
} {
  const secret = () => randomBytes(24).toString('base64url');
  const client = { clientId: 'bench', clientSecret: secret() };
  const entries = SERVICE_MANIFEST.map((entry) => `${entry.name}:${secret()}`);
  return { value: [...entries, `bench:${client.clientSecret}`].join(','), client };
}

/** The checks of a run that could not count: one FAILED row saying why. */
export function failedChecks(error: unknown): CheckReport[] {
  const message = error instanceof Error ? error.message : String(error);
  return [
    {
      name: `checks could not run: ${message.split('\n')[0]}`,
      value: '-',
      target: '-',
      result: 'FAILED',
    },
  ];
}

/** A service's client credentials (SERVICE_CREDENTIALS) and the service its tokens are for. */
export interface ServiceClientCredentials {
  clientId: string;
  clientSecret: string;
  audience: string;
}

async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** Tries of a read: the checks read stock right after a burst, while moto is still busy. */
const READ_ATTEMPTS = 6;

/** A request that timed out on our side, as a 504 without a body (only for reads). */
function timedOut(error: unknown): { status: number; body: unknown; retryAfter: null } {
  if ((error as Error).name !== 'TimeoutError') throw error;
  return { status: 504, body: `timed out after ${REQUEST_TIMEOUT_MS} ms`, retryAfter: null };
}

async function expectOk(url: string, init: RequestInit = {}): Promise<unknown> {
  const read = (init.method ?? 'GET') === 'GET';
  // A read may be sent again after any 5xx (a 504 when the gateway gave up on a busy store)
  // or a timeout of its own; a write only after a 503 with Retry-After.
  const send = read ? () => call(url, init).catch(timedOut) : () => call(url, init);
  let { status, body } = await retryWhileBusy(send);
  for (let attempt = 2; read && status >= 500 && attempt <= READ_ATTEMPTS; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000 * (attempt - 1)));
    ({ status, body } = await retryWhileBusy(send));
  }
  if (status < 200 || status >= 300)
    throw new Error(
      `${init.method ?? 'GET'} ${url} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  return body;
}

export async function adminToken(gateway: string, admin: Credentials): Promise<string> {
  const body = (await expectOk(`${gateway}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(admin),
  })) as { accessToken?: string };
  if (!body.accessToken) throw new Error('POST /api/auth/login answered no accessToken');
  return body.accessToken;
}

/** A `service` token from accounts' client-credentials grant, as the orders service will hold. */
export async function serviceToken(
  gateway: string,
  client: ServiceClientCredentials,
): Promise<string> {
  const body = (await expectOk(`${gateway}/api/auth/service-token`, {
    method: 'POST',
    body: JSON.stringify(client),
  })) as { accessToken?: string };
  if (!body.accessToken) throw new Error('POST /api/auth/service-token answered no accessToken');
  return body.accessToken;
}

/** `count` SKU names of this run, e.g. `BENCH-P-0001`. */
export function benchSkus(kind: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `BENCH-${kind}-${String(i + 1).padStart(4, '0')}`);
}

/** `fn` over every item, at most `limit` at a time. */
export async function eachConcurrently<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
) {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await fn(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Tries of a setup request the platform refuses for now (503 with Retry-After). */
const BUSY_ATTEMPTS = 6;
/** The longest Retry-After the setup waits for (a larger one is capped). */
const MAX_RETRY_AFTER_SECONDS = 5;

/**
 * Sends a setup request again while it answers 503 with Retry-After, waiting as long as
 * it says (at most 5 s), up to 6 tries. The services answer that when their store stays
 * busy through its own retries (ADR 0040): the store took nothing, so even a create may
 * be sent again. Any other answer, or the last 503, is returned as it is.
 */
export async function retryWhileBusy<T extends { status: number; retryAfter?: string | null }>(
  send: () => Promise<T>,
  sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    const seconds = Number(answer.retryAfter ?? NaN);
    if (answer.status !== 503 || !Number.isFinite(seconds) || attempt >= BUSY_ATTEMPTS)
      return answer;
    await sleep(1000 * Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds)));
  }
}

/** Tries of one setup PUT: the AWS emulator answers some concurrent writes with a 500. */
const PUT_ATTEMPTS = 4;

/**
 * A setup PUT (an absolute price or count, so a repeat writes the same), tried again after
 * a 5xx or a timeout: moto is not thread-safe and fails a write now and then (ADR 0025).
 */
async function putIdempotent(url: string, init: RequestInit): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await expectOk(url, { ...init, method: 'PUT' });
    } catch (error) {
      const transient = /answered 5\d\d|timeout|aborted/i.test((error as Error).message);
      if (!transient || attempt >= PUT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** A USD price for each SKU (`PUT /api/prices/{sku}`), 19.99 and up. */
export async function setPrices(
  gateway: string,
  token: string,
  skus: readonly string[],
  concurrency = 4,
) {
  await eachConcurrently(skus, concurrency, (sku) =>
    putIdempotent(`${gateway}/api/prices/${encodeURIComponent(sku)}`, {
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ amount: 1999 + skus.indexOf(sku), currency: 'USD' }),
    }),
  );
}

/** `onHand` units of each SKU at the default location (`PUT /api/inventory/{sku}`). */
export async function setStock(
  gateway: string,
  token: string,
  skus: readonly string[],
  onHand: number,
  concurrency = 4,
) {
  await eachConcurrently(skus, concurrency, (sku) =>
    putIdempotent(`${gateway}/api/inventory/${encodeURIComponent(sku)}`, {
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ onHand }),
    }),
  );
}

interface StockView {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** Stock of every SKU, read through the public batch route. */
export async function readStock(gateway: string, skus: readonly string[]): Promise<StockView[]> {
  const views: StockView[] = [];
  for (let start = 0; start < skus.length; start += BATCH) {
    const batch = skus
      .slice(start, start + BATCH)
      .map(encodeURIComponent)
      .join(',');
    const body = (await expectOk(`${gateway}/api/inventory?skus=${batch}`)) as {
      items: StockView[];
    };
    views.push(...body.items);
  }
  return views;
}

/** Units held or committed beyond what was on hand, summed over the SKUs (the target is 0). */
export function oversoldUnits(views: readonly StockView[]): number {
  return views.reduce(
    (sum, view) => sum + Math.max(0, view.reserved - view.onHand, -view.available),
    0,
  );
}

export interface ContentionResult {
  attempts: number;
  onHand: number;
  /** Reservations answered 201. */
  held: number;
  /** What inventory says is reserved afterwards. */
  reserved: number;
  /** Answers other than 201 and 409 (errors). */
  unexpected: number;
}

/**
 * `attempts` single-unit reservations of one SKU with `onHand` units, all sent at once
 * through the gateway: exactly `onHand` must be held, and inventory must say so.
 */
export async function contendForStock(
  gateway: string,
  tokens: { admin: string; service: string },
  attempts: number,
  onHand: number,
): Promise<ContentionResult> {
  const sku = `BENCH-CONTENDED-${randomUUID().slice(0, 8)}`;
  await setStock(gateway, tokens.admin, [sku], onHand);
  const statuses = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      call(`${gateway}/api/reservations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.service}` },
        body: JSON.stringify({
          orderId: `ord_contended_${sku}_${i}`,
          items: [{ sku, quantity: 1 }],
        }),
      }).then(
        ({ status }) => status,
        () => 0,
      ),
    ),
  );
  const [view] = await readStock(gateway, [sku]);
  return {
    attempts,
    onHand,
    held: statuses.filter((status) => status === 201).length,
    reserved: view?.reserved ?? NaN,
    unexpected: statuses.filter((status) => status !== 201 && status !== 409).length,
  };
}
