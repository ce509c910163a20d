import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './browser.ts';
import { startPlatformProcess, type PlatformProcess } from './platform-process.ts';
import { createSteps, isCall, waitForText as waitForTextOn } from './steps.ts';
import {
  adminHeaders,
  fetchJson,
  pickProduct,
  quote,
  shippingOptions,
  withTypo,
  type Money,
  type Pick,
  type Quote,
} from './shop-data.ts';

const repoRoot = resolve(import.meta.dirname, '../../../..');
/** Ignored by git; `E2E_SCREENSHOTS_DIR` puts them elsewhere. */
const screenshots = resolve(repoRoot, process.env['E2E_SCREENSHOTS_DIR'] || 'e2e-screenshots');
/** How long one element or answer may take to show: generous for a busy 2-core machine. */
const WAIT_MS = 15_000;
const PROMOTION = { code: 'E2E-TEN', percent: 10 };

type Format = { formatMoney(money: Money): string; valueOf(key: string, value: unknown): string };
// The storefront's own formatting (plain browser JavaScript), so the test reads money and
// option labels exactly as the page writes them.
const format = (await import(new URL('../../public/format.js', import.meta.url).href)) as Format;

let platform: PlatformProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let api: string;
let pick: Pick;
const pageErrors: string[] = [];
const outsideRequests: string[] = [];

beforeAll(async () => {
  // The browser first: a missing Chromium fails in a second, not after the platform's start.
  browser = await launchChromium();
  // Test traffic stays on loopback: anything else is refused and fails the run.
  await browser.context.route('**/*', async (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    outsideRequests.push(route.request().url());
    return route.abort();
  });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await mkdir(screenshots, { recursive: true });

  platform = await startPlatformProcess({ repoRoot, readyTimeoutMs: 240_000 });
  api = `${platform.origin}/api`;
  pick = await pickProduct(api);
  // The promotion the shopper will type, created first through the admin API.
  await fetchJson(`${api}/promotions`, {
    method: 'POST',
    headers: await adminHeaders(api),
    body: JSON.stringify({ code: PROMOTION.code, kind: 'percent', value: PROMOTION.percent }),
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const { step } = createSteps({
  page: () => page,
  dir: screenshots,
  lastOutput: () => platform?.lastOutput(),
});

/** The cart's total: the lines less the discount (shipping and tax come at checkout). */
function cartTotal(quoted: Quote): Money {
  return { ...quoted.subtotal, amount: quoted.subtotal.amount - quoted.discount.amount };
}

function money(value: Money): string {
  return format.formatMoney(value);
}

/** Waits until the element's whole text is `text` (trimmed). */
function waitForText(selector: string, text: string): Promise<void> {
  return waitForTextOn(page, selector, text);
}

describe('shopping in the storefront (Chromium, the platform as npm start runs it)', () => {
  it('when a shopper browses, searches with a typo, fills a cart and applies a promotion, then the cart adds up and survives a reload', async () => {
    const [first, second] = pick.variants;
    const firstLabel = format.valueOf(pick.option, first.options[pick.option]);
    const secondLabel = format.valueOf(pick.option, second.options[pick.option]);
    const productLink = `a[href="#/p/${pick.product.id}"]`;

    await step('home', async () => {
      await page.goto(`${platform?.origin}/`);
      await page.locator('h1.hero-title').waitFor();
      await waitForText('.cart-count', '0');
      // The count is announced politely when it changes.
      expect(await page.locator('.cart-count-live').getAttribute('aria-live')).toBe('polite');
    });

    await step('category', async () => {
      const menu = page.getByRole('navigation', { name: 'Categories' });
      await menu.getByRole('link', { name: pick.category.name, exact: true }).click();
      await waitForText('h1#results-title', pick.category.name);
      await page.getByRole('list', { name: 'Products' }).locator('a.card-link').first().waitFor();
      expect(page.url()).toContain(`category=${pick.category.slug}`);
    });

    const typo = withTypo(pick.product.name);
    await step('search-with-typo', async () => {
      const input = page.getByRole('combobox', { name: 'Search products' });
      await input.fill(typo);
      await input.press('Enter');
      await page.waitForURL((url) => url.hash.startsWith('#/search?q='));
      await page.getByRole('list', { name: 'Products' }).locator(productLink).waitFor();
    });

    await step('product', async () => {
      await page.getByRole('list', { name: 'Products' }).locator(productLink).click();
      await waitForText('h1.product-title', pick.product.name);
      await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    });

    await step('add-two-variants', async () => {
      const add = page.getByRole('button', { name: 'Add to cart' });
      for (const [variant, label, count] of [
        [first, firstLabel, '1'],
        [second, secondLabel, '2'],
      ] as const) {
        await page.locator('.variants label.option').getByText(label, { exact: true }).click();
        await waitForText('.sku .mono', variant.sku);
        const added = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/items$/));
        await add.click();
        expect((await added).status()).toBe(201);
        await waitForText('.cart-count', count);
      }
      await page.locator('.buy-status', { hasText: 'Added' }).waitFor();
    });

    await step('cart', async () => {
      await page.getByRole('link', { name: /^Cart/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
      const lines = page.locator('.cart-line');
      await lines.nth(1).waitFor();
      expect(await lines.count()).toBe(2);
      for (const variant of [first, second])
        await page.locator('.cart-line', { hasText: variant.sku }).waitFor();
    });

    await step('change-quantity', async () => {
      const line = page.locator('.cart-line', { hasText: first.sku });
      const quantity = line.getByRole('spinbutton', { name: /Quantity/ });
      const changed = page.waitForResponse(isCall('PATCH', /^\/api\/carts\/[^/]+\/items\/[^/]+$/));
      await quantity.fill('3');
      await quantity.press('Enter');
      expect((await changed).ok()).toBe(true);
      await waitForText('.cart-count', '4');
      const expected = await quote(api, [
        { sku: first.sku, quantity: 3 },
        { sku: second.sku, quantity: 1 },
      ]);
      await waitForText('.cart-subtotal .amount', money(expected.subtotal));
    });

    await step('promotion', async () => {
      const code = page.getByRole('textbox', { name: 'Promotion code' });
      const apply = page.getByRole('button', { name: 'Apply' });

      // A code that does not exist: the reason the API gave is shown, nothing changes.
      const refused = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/promotion$/));
      await code.fill('NO-SUCH-CODE');
      await apply.click();
      const refusal = await refused;
      expect(refusal.status()).toBe(422);
      const reason = ((await refusal.json()) as { detail?: string; title?: string }).detail;
      await page
        .getByRole('alert')
        .filter({ hasText: reason ?? '' })
        .waitFor();

      const accepted = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/promotion$/));
      await code.fill(PROMOTION.code);
      await apply.click();
      expect((await accepted).ok()).toBe(true);
      await page.locator('.cart-promotion', { hasText: PROMOTION.code }).waitFor();
    });

    const items = [
      { sku: first.sku, quantity: 3 },
      { sku: second.sku, quantity: 1 },
    ];
    await step('totals', async () => {
      const expected = await quote(api, items, PROMOTION.code);
      expect(expected.discount.amount).toBeGreaterThan(0);
      await waitForText('.cart-subtotal .amount', money(expected.subtotal));
      await waitForText('.cart-discount .amount', `−${money(expected.discount)}`);
      await waitForText('.cart-total .amount', money(cartTotal(expected)));
    });

    await step('reload', async () => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
      await page.locator('.cart-line').nth(1).waitFor();
      await waitForText('.cart-count', '4');
      const expected = await quote(api, items, PROMOTION.code);
      await waitForText('.cart-discount .amount', `−${money(expected.discount)}`);
      const quantity = page
        .locator('.cart-line', { hasText: first.sku })
        .getByRole('spinbutton', { name: /Quantity/ });
      expect(await quantity.inputValue()).toBe('3');
      await page.locator('.cart-promotion', { hasText: PROMOTION.code }).waitFor();

      // The browser keeps the cart's id and token, nothing else of it.
      const stored = await page.evaluate<string>('JSON.stringify(window.localStorage)');
      const entries = JSON.parse(stored) as Record<string, string>;
      expect(Object.keys(entries)).toEqual(['emporium.cart']);
      expect(Object.keys(JSON.parse(entries['emporium.cart'] ?? '{}') as object).sort()).toEqual([
        'id',
        'token',
      ]);
    });

    await step('remove-a-line', async () => {
      const removed = page.waitForResponse(isCall('DELETE', /^\/api\/carts\/[^/]+\/items\/[^/]+$/));
      await page
        .locator('.cart-line', { hasText: second.sku })
        .getByRole('button', { name: /^Remove/ })
        .click();
      expect((await removed).ok()).toBe(true);
      await waitForText('.cart-count', '3');
      await page.locator('.cart-line', { hasText: second.sku }).waitFor({ state: 'detached' });
      const expected = await quote(api, [{ sku: first.sku, quantity: 3 }], PROMOTION.code);
      await waitForText('.cart-total .amount', money(cartTotal(expected)));
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 180_000);

  it('when the cart answers from cached data, then the page says prices may be out of date and marks the line', async () => {
    const [variant] = pick.variants;
    // A cart of its own, made through the API as the page would make it.
    const created = await fetchJson<{ id: string; token: string }>(`${api}/carts`, {
      method: 'POST',
    });
    await fetchJson(`${api}/carts/${created.id}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cart-token': created.token },
      body: JSON.stringify({ sku: variant.sku, quantity: 1 }),
    });
    await page.evaluate(
      `localStorage.setItem('emporium.cart', ${JSON.stringify(JSON.stringify(created))})`,
    );

    // The real answer, as the cart gives it when catalog or pricing cannot be asked.
    const cartRead = new RegExp(`/api/carts/${created.id}(\\?.*)?$`);
    await page.route(cartRead, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const cart = (await response.json()) as { degraded: boolean; items: { stale: boolean }[] };
      cart.degraded = true;
      for (const line of cart.items) line.stale = true;
      await route.fulfill({ response, json: cart });
    });
    try {
      await step('degraded-cart', async () => {
        await page.goto(`${platform?.origin}/#/cart`);
        await page.reload();
        await page.locator('.cart-line', { hasText: variant.sku }).waitFor();
        await page.getByRole('status').filter({ hasText: 'may be out of date' }).waitFor();
        await page
          .locator('.cart-line', { hasText: variant.sku })
          .locator('.badge', { hasText: 'may be out of date' })
          .waitFor();
      });
    } finally {
      await page.unroute(cartRead);
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
  const customer = {
    name: 'Ada Shopper',
    // Unique per run: the platform's data folder is fresh, but a rerun must not collide.
    email: `ada.${process.pid}@example.com`,
    password: 'plum-orchard-lantern-42',
  };
  const address = {
    name: 'Ada Shopper',
    line1: '12 Harbour Street',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
  };

  /** Fills the checkout's new-address form and waits for the shipping option and the quote. */
  async function fillCheckout(cardToken: string, items: Array<{ sku: string; quantity: number }>) {
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    const form = page.locator('form.checkout-layout');
    // The heading shows while the cart and addresses load; the form comes after them.
    await form.waitFor();
    const newAddress = form.getByRole('radio', { name: 'A new address' });
    if ((await newAddress.count()) > 0) await newAddress.check();
    for (const [label, value] of [
      ['Full name', address.name],
      ['Address', address.line1],
      ['City', address.city],
      ['Postal code', address.postalCode],
    ] as const)
      await form.getByLabel(label, { exact: true }).fill(value);
    const country = form.getByLabel('Country code (e.g. US)');
    await country.fill(address.country);
    await country.dispatchEvent('change');
    const [option] = await shippingOptions(api, address.country);
    expect(option).toBeDefined();
    await form.getByRole('radio', { name: new RegExp(option?.name ?? '') }).waitFor();
    const expected = await quote(api, items, undefined, {
      shippingOptionId: option?.id ?? '',
      country: address.country,
    });
    expect(expected.tax.amount).toBeGreaterThanOrEqual(0);
    await waitForText('.checkout-shipping .amount', money(expected.shipping));
    await waitForText('.checkout-tax .amount', money(expected.tax));
    await waitForText('.checkout-total .amount', money(expected.total));
    await form.getByRole('textbox', { name: 'Card token' }).fill(cardToken);
    return expected;
  }

  async function addToCart(sku: string, optionLabel: string, count: string) {
    await page.goto(`${platform?.origin}/#/p/${pick.product.id}`);
    await waitForText('h1.product-title', pick.product.name);
    await page.locator('.variants label.option').getByText(optionLabel, { exact: true }).click();
    await waitForText('.sku .mono', sku);
    const added = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/items$/));
    await page.getByRole('button', { name: 'Add to cart' }).click();
    expect((await added).status()).toBe(201);
    await waitForText('.cart-count', count);
  }

  it('when a shopper signs up with an anonymous cart and checks out with tok_visa, then the order is confirmed, the cart emptied and the order in the history', async () => {
    const [, second] = pick.variants;
    const secondLabel = format.valueOf(pick.option, second.options[pick.option]);
    await browser?.context.clearCookies();
    await page.goto(`${platform?.origin}/`);
    await page.evaluate('localStorage.clear()');

    await step('anonymous-cart', async () => {
      await page.reload();
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Sign in' })
        .waitFor();
      await addToCart(second.sku, secondLabel, '1');
    });

    await step('sign-up', async () => {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Create account' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
      await page.getByLabel('Name').fill(customer.name);
      await page.getByLabel('Email').fill(customer.email);
      await page.getByLabel('Password').fill(customer.password);
      const signedUp = page.waitForResponse(isCall('POST', /^\/api\/session\/register$/));
      const merged = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/merge$/));
      await page.getByRole('button', { name: 'Create account' }).click();
      const answer = await signedUp;
      expect(answer.status()).toBe(201);
      expect(await answer.request().headerValue('x-emporium-csrf')).toBe('1');
      expect((await merged).status()).toBe(200);
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByText(`Hi, ${customer.name}`)
        .waitFor();
      // The anonymous cart merged into the customer's: the same unit, no anonymous cart kept.
      await waitForText('.cart-count', '1');
    });

    await step('session-survives-reload', async () => {
      const refreshed = page.waitForResponse(isCall('POST', /^\/api\/session\/refresh$/));
      await page.reload();
      expect((await refreshed).status()).toBe(200);
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByText(`Hi, ${customer.name}`)
        .waitFor();
      await waitForText('.cart-count', '1');
      // No token is readable by page scripts: nothing in storage, the cookie is HttpOnly.
      const stored = await page.evaluate<string>('JSON.stringify(window.localStorage)');
      expect(JSON.parse(stored)).toEqual({});
      expect(await page.evaluate<string>('document.cookie')).toBe('');
      const cookies = await browser?.context.cookies();
      const sessionCookie = cookies?.find((cookie) => cookie.name.endsWith('emporium_session'));
      expect(sessionCookie?.httpOnly).toBe(true);
      expect(sessionCookie?.sameSite).toBe('Strict');
    });

    const items = [{ sku: second.sku, quantity: 1 }];
    let expected: Quote | undefined;
    await step('checkout', async () => {
      await page.getByRole('link', { name: /^Cart/ }).click();
      await page.locator('.cart-line', { hasText: second.sku }).waitFor();
      await page.getByRole('link', { name: 'Checkout' }).click();
      expected = await fillCheckout('tok_visa', items);
    });

    let orderId = '';
    await step('confirmation', async () => {
      const placed = page.waitForResponse(isCall('POST', /^\/api\/orders$/));
      await page.getByRole('button', { name: /^Place order/ }).click();
      const answer = await placed;
      expect(answer.status()).toBe(201);
      const key = await answer.request().headerValue('idempotency-key');
      expect(key).toMatch(/^chk-/);
      const sent = answer.request().postDataJSON() as { expectedTotal: Money };
      expect(sent.expectedTotal).toEqual(expected?.total);
      const order = (await answer.json()) as { id: string; status: string };
      expect(order.status).toBe('confirmed');
      orderId = order.id;
      await page
        .getByRole('heading', { level: 1, name: 'Thank you! Your order is confirmed' })
        .waitFor();
      await waitForText('.order-number', orderId);
      await waitForText('.order-total .amount', money(expected?.total as Money));
      await waitForText('.cart-count', '0');
    });

    await step('history', async () => {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Orders' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      const row = page
        .getByRole('list', { name: 'Orders' })
        .locator('.order-row', { hasText: orderId });
      await row.locator('.status-badge', { hasText: 'Confirmed' }).waitFor();
      await waitForText(
        `.order-row:has-text("${orderId}") .order-total`,
        money(expected?.total as Money),
      );
    });

    await step('order-detail', async () => {
      await page.getByRole('link', { name: new RegExp(orderId) }).click();
      await page.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor();
      const history = page.getByRole('list', { name: 'Status history' });
      await history.getByText('Processing').waitFor();
      await history.getByText('Confirmed').waitFor();
      await waitForText('.order-shipping .amount', money(expected?.shipping as Money));
      await waitForText('.order-tax .amount', money(expected?.tax as Money));
    });

    await step('cancel', async () => {
      await page.getByRole('button', { name: 'Cancel order' }).click();
      const cancelled = page.waitForResponse(isCall('POST', /^\/api\/orders\/[^/]+\/cancel$/));
      await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
      expect((await cancelled).ok()).toBe(true);
      await page.locator('.order-meta .status-badge', { hasText: 'Cancelled' }).waitFor();
      await page.getByRole('list', { name: 'Status history' }).getByText('Cancelled').waitFor();
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 180_000);

  it('when the card is declined, then checkout shows the reason and the cart is kept', async () => {
    const [first] = pick.variants;
    const firstLabel = format.valueOf(pick.option, first.options[pick.option]);
    await step('declined-cart', async () => {
      await addToCart(first.sku, firstLabel, '1');
      await page.getByRole('link', { name: /^Cart/ }).click();
      await page.getByRole('link', { name: 'Checkout' }).click();
      await fillCheckout('tok_declined', [{ sku: first.sku, quantity: 1 }]);
    });

    await step('declined', async () => {
      const placed = page.waitForResponse(isCall('POST', /^\/api\/orders$/));
      await page.getByRole('button', { name: /^Place order/ }).click();
      const order = (await (await placed).json()) as { status: string; rejectionReason: string };
      expect(order).toMatchObject({ status: 'rejected', rejectionReason: 'payment_declined' });
      await page.getByRole('alert').filter({ hasText: 'Your card was declined' }).waitFor();
      await waitForText('.cart-count', '1');
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    });

    await step('declined-cart-kept', async () => {
      await page.getByRole('link', { name: /^Cart/ }).click();
      await page.locator('.cart-line', { hasText: first.sku }).waitFor();
    });

    await step('sign-out', async () => {
      const signedOut = page.waitForResponse(isCall('DELETE', /^\/api\/session$/));
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('button', { name: 'Sign out' })
        .click();
      expect((await signedOut).status()).toBe(204);
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Sign in' })
        .waitFor();
      await waitForText('.cart-count', '0');
      // Signed out for good: a reload restores no session.
      const refreshed = page.waitForResponse(isCall('POST', /^\/api\/session\/refresh$/));
      await page.reload();
      expect((await refreshed).status()).toBe(401);
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Sign in' })
        .waitFor();
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 120_000);
});
