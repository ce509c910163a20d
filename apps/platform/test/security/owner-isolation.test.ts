import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_MANIFEST } from '@emporium/contracts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../embedded-platform.ts';
import { SECURITY_ENV, signUpCustomer } from './attack-surface.ts';

interface Customer {
  authorization: string;
}

interface OwnerCaseContext {
  embedded: EmbeddedPlatform;
  /** Owns the resources. */
  owner: Customer;
  /** Tries to reach them. */
  other: Customer;
  /** `/api` base and the service's own base URL: every attempt is made at both. */
  bases(service: string): string[];
}

/** What `other` got back where it should have got a 404, one line per leak. */
type OwnerCase = (context: OwnerCaseContext) => Promise<string[]>;

/** The services whose API has owner routes (API.md); each must have a case once it runs. */
const SERVICES_WITH_OWNER_ROUTES = [
  'accounts',
  'cart',
  'orders',
  'notifications',
  'recommendations',
];

async function call(
  method: string,
  url: string,
  customer: Customer,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method,
    headers: {
      authorization: customer.authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Every attempt of `other` on `urls` that did not answer 404. */
async function leaksOf(
  attempts: { method: string; path: string; body?: unknown; headers?: Record<string, string> }[],
  bases: string[],
  other: Customer,
): Promise<string[]> {
  const leaks: string[] = [];
  for (const base of bases)
    for (const attempt of attempts) {
      const response = await call(
        attempt.method,
        `${base}${attempt.path}`,
        other,
        attempt.body,
        attempt.headers,
      );
      await response.arrayBuffer();
      if (response.status !== 404)
        leaks.push(`${attempt.method} ${base}${attempt.path} → ${response.status}`);
    }
  return leaks;
}

const OWNER_CASES: Record<string, OwnerCase> = {
  async accounts({ owner, other, bases }) {
    const [api] = bases('accounts');
    const created = await call('POST', `${api}/accounts/me/addresses`, owner, {
      name: 'Bea Owner',
      line1: '1 Private Lane',
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    });
    expect(created.status).toBe(201);
    const address = (await created.json()) as { id: string };
    const path = `/accounts/me/addresses/${address.id}`;
    const leaks = await leaksOf(
      [
        { method: 'GET', path },
        { method: 'PATCH', path, body: { city: 'Elsewhere' } },
        { method: 'PATCH', path, body: { city: 'Elsewhere' }, headers: { 'if-match': '"1"' } },
        { method: 'DELETE', path },
      ],
      bases('accounts'),
      other,
    );
    // Not in the other's list either, and the owner's address is untouched.
    for (const base of bases('accounts')) {
      const list = (await (await call('GET', `${base}/accounts/me/addresses`, other)).json()) as {
        items: { id: string }[];
      };
      if (list.items.some((item) => item.id === address.id))
        leaks.push(`listed for the other at ${base}`);
    }
    const mine = await call('GET', `${api}${path}`, owner);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ city: 'Springfield', version: 1 });
    return leaks;
  },
};

/** A priced, stocked SKU (through the gateway, as the admin). */
async function stockedSku(embedded: EmbeddedPlatform, sku: string): Promise<void> {
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${embedded.api}${path}`, {
      method,
      headers: embedded.admin,
      body: JSON.stringify(body),
    });
  const product = await send('POST', '/products', {
    name: `Security ${sku}`,
    brand: 'Vault',
    categoryIds: [],
    variants: [{ sku, options: {} }],
  });
  expect(product.status).toBe(201);
  expect((await send('PUT', `/prices/${sku}`, { amount: 1500, currency: 'USD' })).status).toBe(200);
  expect((await send('PUT', `/inventory/${sku}`, { onHand: 10 })).status).toBe(200);
}

OWNER_CASES['cart'] = async ({ embedded, owner, other, bases }) => {
  const [api] = bases('cart');
  await stockedSku(embedded, 'SEC-CART-1');
  const created = await call('POST', `${api}/carts`, owner, {});
  expect(created.status).toBe(201);
  const cart = (await created.json()) as { id: string };
  const added = await call('POST', `${api}/carts/${cart.id}/items`, owner, {
    sku: 'SEC-CART-1',
    quantity: 1,
  });
  expect(added.status).toBe(201);
  const before = (await (await call('GET', `${api}/carts/${cart.id}`, owner)).json()) as {
    items: { id: string; quantity: number }[];
  };
  const itemId = before.items[0]!.id;
  // The other's own cart, to try pulling the owner's lines into it.
  const theirs = (await (await call('POST', `${api}/carts`, other, {})).json()) as { id: string };
  // An anonymous cart someone else made: without its token it is nobody's business.
  const anonymous = await fetch(`${api}/carts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(anonymous.status).toBe(201);
  const stranger = (await anonymous.json()) as { id: string };
  const path = `/carts/${cart.id}`;
  const leaks = await leaksOf(
    [
      { method: 'GET', path },
      { method: 'POST', path: `${path}/items`, body: { sku: 'SEC-CART-1', quantity: 2 } },
      { method: 'PATCH', path: `${path}/items/${itemId}`, body: { quantity: 5 } },
      { method: 'DELETE', path: `${path}/items/${itemId}` },
      { method: 'POST', path: `${path}/promotion`, body: { code: 'NOPE' } },
      { method: 'DELETE', path: `${path}/promotion` },
      { method: 'POST', path: `${path}/merge`, body: { sourceCartId: theirs.id } },
      { method: 'POST', path: `/carts/${theirs.id}/merge`, body: { sourceCartId: cart.id } },
      { method: 'DELETE', path },
      { method: 'GET', path: `/carts/${stranger.id}` },
      { method: 'POST', path: `/carts/${theirs.id}/merge`, body: { sourceCartId: stranger.id } },
    ],
    bases('cart'),
    other,
  );
  const after = await call('GET', `${api}${path}`, owner);
  expect(after.status).toBe(200);
  const lines = ((await after.json()) as { items: { id: string; quantity: number }[] }).items;
  expect(lines.map(({ id, quantity }) => ({ id, quantity }))).toEqual([
    { id: itemId, quantity: 1 },
  ]);
  return leaks;
};

OWNER_CASES['orders'] = async ({ embedded, owner, other, bases }) => {
  const [api] = bases('orders');
  await stockedSku(embedded, 'SEC-ORD-1');
  const cartWithALine = async () => {
    const cart = (await (await call('POST', `${api}/carts`, owner, {})).json()) as { id: string };
    const added = await call('POST', `${api}/carts/${cart.id}/items`, owner, {
      sku: 'SEC-ORD-1',
      quantity: 1,
    });
    expect(added.status).toBe(201);
    return cart.id;
  };
  const options = (await (
    await call('GET', `${api}/shipping-options?country=US`, owner)
  ).json()) as {
    items: { id: string }[];
  };
  const address = {
    name: 'Bea Owner',
    line1: '1 Private Lane',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
  };
  const placed = await call(
    'POST',
    `${api}/orders`,
    owner,
    {
      cartId: await cartWithALine(),
      shippingAddress: address,
      shippingOptionId: options.items[0]!.id,
      payment: { token: 'tok_visa' },
    },
    { 'idempotency-key': `sec-${Date.now()}` },
  );
  expect(placed.status).toBe(201);
  const order = (await placed.json()) as { id: string; status: string };
  expect(order.status).toBe('confirmed');
  // Delivered (by the admin), so the owner can ask for a return the other then tries to read.
  for (const step of ['ship', 'deliver'])
    expect(
      (
        await fetch(`${api}/orders/${order.id}/${step}`, {
          method: 'POST',
          headers: embedded.admin,
          body: '{}',
        })
      ).status,
    ).toBe(200);
  const requested = await call('POST', `${api}/orders/${order.id}/returns`, owner, {
    lines: [{ sku: 'SEC-ORD-1', quantity: 1 }],
    reason: 'Too small',
  });
  expect(requested.status).toBe(201);
  const ret = (await requested.json()) as { id: string };

  const path = `/orders/${order.id}`;
  const leaks = await leaksOf(
    [
      { method: 'GET', path },
      { method: 'POST', path: `${path}/cancel` },
      {
        method: 'POST',
        path: `${path}/returns`,
        body: { lines: [{ sku: 'SEC-ORD-1', quantity: 1 }], reason: 'Mine now' },
      },
      { method: 'GET', path: `/returns/${ret.id}` },
    ],
    bases('orders'),
    other,
  );
  const ownerId = (
    (await (await call('GET', `${api}/accounts/me`, owner)).json()) as { id: string }
  ).id;
  for (const base of bases('orders'))
    for (const query of ['', `?userId=${ownerId}`]) {
      const response = await call('GET', `${base}/orders${query}`, other);
      const listed =
        response.status === 200 &&
        ((await response.json()) as { items: { id: string }[] }).items.some(
          (item) => item.id === order.id,
        );
      if (listed) leaks.push(`GET ${base}/orders${query} lists the owner's order`);
    }
  // Checking out someone else's cart must not work either.
  const foreignCart = await cartWithALine();
  for (const base of bases('orders')) {
    const response = await call(
      'POST',
      `${base}/orders`,
      other,
      {
        cartId: foreignCart,
        shippingAddress: address,
        shippingOptionId: options.items[0]!.id,
        payment: { token: 'tok_visa' },
      },
      { 'idempotency-key': `sec-foreign-${base.length}-${Date.now()}` },
    );
    if (response.status < 400 || response.status >= 500)
      leaks.push(`POST ${base}/orders with the owner's cart → ${response.status}`);
  }
  const cart = (await (await call('GET', `${api}/carts/${foreignCart}`, owner)).json()) as {
    items: unknown[];
  };
  expect(cart.items).toHaveLength(1);
  const mine = (await (await call('GET', `${api}${path}`, owner)).json()) as { status: string };
  expect(mine.status).toBe('delivered');
  return leaks;
};

describe("a customer never reaches another customer's resources", () => {
  let embedded: EmbeddedPlatform;
  let context: OwnerCaseContext;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('security-owners', SECURITY_ENV);
    const [owner, other] = [
      await signUpCustomer(embedded.api, 'bea@example.com'),
      await signUpCustomer(embedded.api, 'abe@example.com'),
    ];
    context = {
      embedded,
      owner,
      other,
      bases: (service) => [embedded.api, embedded.platform.urls[service]!],
    };
  });
  afterAll(() => embedded?.close());

  const running = SERVICE_MANIFEST.map((entry) => entry.name).filter((name) =>
    SERVICES_WITH_OWNER_ROUTES.includes(name),
  );

  it('when a service with owner routes is in the manifest, then this suite has an isolation case for it', () => {
    expect(running.filter((name) => !OWNER_CASES[name])).toEqual([]);
  });

  it.each(running.filter((name) => OWNER_CASES[name]))(
    "when customer A tries B's %s resources through the gateway and on the service's port, then every attempt is 404 and nothing changes",
    async (service) => {
      expect(await OWNER_CASES[service]!(context)).toEqual([]);
    },
  );
});
