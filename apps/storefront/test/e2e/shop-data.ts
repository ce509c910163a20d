/**
 * What the scenario shops for, read from the running platform's APIs (the demo catalog is
 * generated, so the test picks by shape, not by hard-coded names): a product with at least
 * two variants that differ in one option, both priced and in stock, under a top-level category.
 */
export interface Money {
  amount: number;
  currency: string;
}

export interface Variant {
  sku: string;
  options: Record<string, string | number | boolean>;
}

export interface Product {
  id: string;
  name: string;
  brand: string;
  categoryIds: string[];
  variants: Variant[];
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId?: string | null;
}

export interface Pick {
  category: Category;
  product: Product;
  /** The option both variants have, with a different value each. */
  option: string;
  variants: [Variant, Variant];
}

/** The admin's bearer headers, through the gateway like any client. */
export async function adminHeaders(api: string): Promise<Record<string, string>> {
  const login = await fetchJson<{ accessToken: string }>(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@emporium.local', password: 'admin-password' }),
  });
  return { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

const MIN_STOCK = 5;

/** The first top-level category (menu order) holding a product that fits the scenario. */
export async function pickProduct(api: string): Promise<Pick> {
  const { items: categories } = await fetchJson<{ items: Category[] }>(
    `${api}/categories?limit=100`,
  );
  for (const category of categories.filter((candidate) => !candidate.parentId)) {
    const { items: products } = await fetchJson<{ items: Product[] }>(
      `${api}/products?category=${encodeURIComponent(category.id)}&limit=100`,
    );
    const candidates = products.filter((product) => product.variants.length >= 2);
    for (const product of candidates) {
      const found = await fittingVariants(api, product);
      if (found) return { category, product, ...found };
    }
  }
  throw new Error('the demo catalog has no priced, stocked product with two variants');
}

async function fittingVariants(
  api: string,
  product: Product,
): Promise<{ option: string; variants: [Variant, Variant] } | undefined> {
  const names = [...new Set(product.variants.flatMap((variant) => Object.keys(variant.options)))];
  // One option name: picking a value picks exactly one variant.
  if (names.length !== 1) return undefined;
  const [option] = names as [string];
  const skus = product.variants.map((variant) => variant.sku).join(',');
  const [prices, stock] = await Promise.all([
    fetchJson<{ items: Array<{ sku: string; amount: number }> }>(
      `${api}/prices?skus=${encodeURIComponent(skus)}&currency=USD`,
    ),
    fetchJson<{ items: Array<{ sku: string; available: number }> }>(
      `${api}/inventory?skus=${encodeURIComponent(skus)}`,
    ),
  ]);
  const priced = new Set(prices.items.map((item) => item.sku));
  const stocked = new Set(
    stock.items.filter((item) => item.available >= MIN_STOCK).map((item) => item.sku),
  );
  const usable = product.variants.filter(
    (variant) => priced.has(variant.sku) && stocked.has(variant.sku),
  );
  if (usable.length < 2) return undefined;
  return { option, variants: [usable[0] as Variant, usable[1] as Variant] };
}

/**
 * The product's name with one letter dropped from its longest word (one edit away), which
 * the search is documented to tolerate: "Nordhaven Skillet" → "Nordhven Skillet".
 */
export function withTypo(name: string): string {
  const words = name.split(' ');
  let longest = 0;
  words.forEach((word, index) => {
    if (word.length > (words[longest] ?? '').length) longest = index;
  });
  const word = words[longest] ?? '';
  if (word.length < 5) throw new Error(`no word of "${name}" is long enough for a typo`);
  const at = Math.floor(word.length / 2);
  words[longest] = word.slice(0, at) + word.slice(at + 1);
  return words.join(' ');
}

export interface Quote {
  subtotal: Money;
  discount: Money;
  total: Money;
  shipping: Money;
  tax: Money;
}

/** What pricing itself says the lines cost, asked apart from the cart. */
export async function quote(
  api: string,
  items: Array<{ sku: string; quantity: number }>,
  promotionCode?: string,
  shipping?: { shippingOptionId: string; country: string },
): Promise<Quote> {
  return fetchJson<Quote>(`${api}/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      items,
      currency: 'USD',
      ...(promotionCode ? { promotionCode } : {}),
      ...(shipping ?? {}),
    }),
  });
}

export interface ShippingOption {
  id: string;
  name: string;
  amount: number;
  currency: string;
}

/** The shipping options orders offers for a country, asked apart from the page. */
export async function shippingOptions(api: string, country: string): Promise<ShippingOption[]> {
  const answer = await fetchJson<{ items: ShippingOption[] }>(
    `${api}/shipping-options?country=${country}`,
  );
  return answer.items;
}
