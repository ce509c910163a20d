import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './browser.ts';
import { startPlatformProcess, type PlatformProcess } from './platform-process.ts';
import {
  adminHeaders,
  fetchJson,
  pickProduct,
  quote,
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
let shot = 0;

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

async function screenshot(name: string): Promise<void> {
  shot += 1;
  const file = join(screenshots, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

/** A labelled step: its failure names it and leaves a screenshot of the page as it was. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    await screenshot(name);
  } catch (error) {
    await screenshot(`${name}-failed`).catch(() => undefined);
    const output = platform ? `\nplatform output:\n  ${platform.lastOutput()}` : '';
    throw new Error(`step "${name}": ${(error as Error).message}${output}`, { cause: error });
  }
}

function isCartCall(method: string, path: RegExp) {
  return (response: Response) =>
    response.request().method() === method && path.test(new URL(response.url()).pathname);
}

/** The cart's total: the lines less the discount (shipping and tax come at checkout). */
function cartTotal(quoted: Quote): Money {
  return { ...quoted.subtotal, amount: quoted.subtotal.amount - quoted.discount.amount };
}

function money(value: Money): string {
  return format.formatMoney(value);
}

/** Waits until the element's whole text is `text` (trimmed). */
async function waitForText(selector: string, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .locator(selector)
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first()
    .waitFor();
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
        const added = page.waitForResponse(isCartCall('POST', /^\/api\/carts\/[^/]+\/items$/));
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
      const changed = page.waitForResponse(
        isCartCall('PATCH', /^\/api\/carts\/[^/]+\/items\/[^/]+$/),
      );
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
      const refused = page.waitForResponse(isCartCall('POST', /^\/api\/carts\/[^/]+\/promotion$/));
      await code.fill('NO-SUCH-CODE');
      await apply.click();
      const refusal = await refused;
      expect(refusal.status()).toBe(422);
      const reason = ((await refusal.json()) as { detail?: string; title?: string }).detail;
      await page
        .getByRole('alert')
        .filter({ hasText: reason ?? '' })
        .waitFor();

      const accepted = page.waitForResponse(isCartCall('POST', /^\/api\/carts\/[^/]+\/promotion$/));
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
      const removed = page.waitForResponse(
        isCartCall('DELETE', /^\/api\/carts\/[^/]+\/items\/[^/]+$/),
      );
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
});
