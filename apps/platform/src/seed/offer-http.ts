/**
 * The few calls the seed makes to accounts, pricing, inventory and the catalog, as a
 * small typed fetch helper (the services' own clients are not shared through contracts).
 */
export interface OfferSeedUrls {
  accounts: string;
  pricing: string;
  inventory: string;
  catalog: string;
}

export class SeedRequestError extends Error {
  readonly status: number;

  constructor(method: string, url: string, status: number, body: string) {
    super(`${method} ${url} answered ${status}: ${body.slice(0, 300)}`);
    this.status = status;
  }
}

export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new SeedRequestError(method, url, response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function adminToken(
  accountsUrl: string,
  credentials: { email: string; password: string },
): Promise<string> {
  const tokens = await requestJson<{ accessToken: string }>('POST', `${accountsUrl}/auth/login`, {
    body: credentials,
  });
  return tokens.accessToken;
}

/** Runs `work` on every item, at most `concurrency` at a time; the first failure stops the rest. */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
