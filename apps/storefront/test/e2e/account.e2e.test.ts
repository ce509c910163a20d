import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './browser.ts';
import { startPlatformProcess, type PlatformProcess } from './platform-process.ts';
import {
  adminHeaders,
  fetchJson,
  pickProduct,
  shippingOptions,
  type Money,
  type Pick,
} from './shop-data.ts';
import { createSteps, isCall, waitForText } from './steps.ts';

/**
 * The address book, saving an address at checkout, product names on orders and returns
 * (ADR 0039), in Chromium against the platform as `npm start` runs it (ADR 0028).
 */
const repoRoot = resolve(import.meta.dirname, '../../../..');
const screenshots = resolve(repoRoot, process.env['E2E_SCREENSHOTS_DIR'] || 'e2e-screenshots');
const WAIT_MS = 15_000;

type Format = { formatMoney(money: Money): string; valueOf(key: string, value: unknown): string };
const format = (await import(new URL('../../public/format.js', import.meta.url).href)) as Format;

let platform: PlatformProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let api: string;
let pick: Pick;
const pageErrors: string[] = [];
const outsideRequests: string[] = [];
/** Every API request the page made, as `METHOD /path`. */
const apiCalls: string[] = [];
const { step } = createSteps({
  page: () => page,
  dir: screenshots,
  prefix: 'account-',
  lastOutput: () => platform?.lastOutput(),
});

const customer = {
  name: 'Grace Returner',
  email: `grace.${process.pid}@example.com`,
  password: 'quiet-harbour-compass-77',
};
const home = {
  name: 'Grace Returner',
  line1: '7 Quay Lane',
  city: 'Portsmouth',
  postalCode: '03801',
  country: 'US',
};

beforeAll(async () => {
  browser = await launchChromium();
  await browser.context.route('**/*', async (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    outsideRequests.push(route.request().url());
    return route.abort();
  });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('request', (request: Request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${pathname}`);
  });
  await mkdir(screenshots, { recursive: true });

  platform = await startPlatformProcess({ repoRoot, readyTimeoutMs: 240_000 });
  api = `${platform.origin}/api`;
  pick = await pickProduct(api);
  await fetchJson(`${api}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(customer),
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

function money(value: Money): string {
  return format.formatMoney(value);
}

/** The customer's bearer headers for API calls the test makes beside the page. */
async function customerHeaders(): Promise<Record<string, string>> {
  const login = await fetchJson<{ accessToken: string }>(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customer.email, password: customer.password }),
  });
  return { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
}

/** Fills an address form whose inputs carry the address keys after `prefix`. */
async function fillAddress(prefix: string, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values))
    await page.locator(`#${prefix}${key}`).fill(value);
}

/** The element that has the focus, by id. */
function focusedId(): Promise<string> {
  return page.evaluate<string>('document.activeElement?.id ?? ""');
}

describe('the account area, order names and returns (Chromium, the platform as npm start runs it)', () => {
  let orderId = '';

  it('when a customer with no address checks out, then the form checks the address as accounts does, saves it to the address book and orders with it, and the order shows the product by name', async () => {
    const [variant] = pick.variants;
    const label = format.valueOf(pick.option, variant.options[pick.option]);

    await step('sign-in', async () => {
      await page.goto(`${platform?.origin}/#/signin`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(customer.email);
      await page.getByLabel('Password').fill(customer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByText(`Hi, ${customer.name}`)
        .waitFor();
    });

    await step('add-to-cart', async () => {
      await page.goto(`${platform?.origin}/#/p/${pick.product.id}`);
      await waitForText(page, 'h1.product-title', pick.product.name);
      await page.locator('.variants label.option').getByText(label, { exact: true }).click();
      await waitForText(page, '.sku .mono', variant.sku);
      const added = page.waitForResponse(isCall('POST', /^\/api\/carts\/[^/]+\/items$/));
      await page.getByRole('button', { name: 'Add to cart' }).click();
      expect((await added).status()).toBe(201);
      await waitForText(page, '.cart-count', '1');
    });

    await step('checkout-invalid-phone', async () => {
      await page.goto(`${platform?.origin}/#/checkout`);
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      await page.locator('form.checkout-layout').waitFor();
      // No saved address: the new-address form is open and keeps the address by default.
      expect(await page.getByRole('radio', { name: 'A new address' }).count()).toBe(0);
      const save = page.getByRole('checkbox', { name: 'Save this address to my address book' });
      expect(await save.isChecked()).toBe(true);
      await fillAddress('', { ...home, phone: 'call me maybe' });
      await page.locator('#country').dispatchEvent('change');
      const [option] = await shippingOptions(api, home.country);
      await page.getByRole('radio', { name: new RegExp(option?.name ?? '') }).waitFor();
      await page.getByRole('textbox', { name: 'Card token' }).fill('tok_visa');
      await page.getByRole('button', { name: /^Place order ·/ }).click();
      // Refused in the form, the way accounts would refuse it: nothing is sent.
      await page.locator('#phone-error', { hasText: 'Use digits' }).waitFor();
      expect(await page.locator('#phone').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedId()).toBe('phone');
      expect(apiCalls.filter((call) => call === 'POST /api/accounts/me/addresses')).toEqual([]);
      expect(apiCalls.filter((call) => call === 'POST /api/orders')).toEqual([]);
    });

    await step('checkout-saves-address', async () => {
      await page.locator('#phone').fill('+1 603 555 0142');
      const savedAddress = page.waitForResponse(isCall('POST', /^\/api\/accounts\/me\/addresses$/));
      const placed = page.waitForResponse(isCall('POST', /^\/api\/orders$/));
      await page.getByRole('button', { name: /^Place order ·/ }).click();
      const saved = await savedAddress;
      expect(saved.status()).toBe(201);
      const address = (await saved.json()) as { id: string };
      const answer = await placed;
      expect(answer.status()).toBe(201);
      // The order names the saved address instead of repeating it.
      const sent = answer.request().postDataJSON() as Record<string, unknown>;
      expect(sent['addressId']).toBe(address.id);
      expect(sent['shippingAddress']).toBeUndefined();
      const order = (await answer.json()) as {
        id: string;
        status: string;
        lines: { sku: string; name: string | null }[];
      };
      expect(order.status).toBe('confirmed');
      expect(order.lines).toEqual([
        expect.objectContaining({ sku: variant.sku, name: pick.product.name }),
      ]);
      orderId = order.id;
      await page
        .getByRole('heading', { level: 1, name: 'Thank you! Your order is confirmed' })
        .waitFor();
      await waitForText(page, '.order-line-name', `${pick.product.name} × 1`);
    });

    await step('order-list-names', async () => {
      // Names come from the order itself: a fresh page that never saw the cart shows them.
      await page.goto(`${platform?.origin}/#/orders`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      await waitForText(
        page,
        `.order-row:has-text("${orderId}") .order-names`,
        `${pick.product.name} × 1`,
      );
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 180_000);

  it('when a customer adds, edits and deletes addresses, then the book follows, a wrong country is caught in the form and the API’s refusal is shown as it says', async () => {
    const abroad = {
      name: 'Grace at work',
      line1: 'Hafenstraße 3',
      city: 'Hamburg',
      postalCode: '20459',
    };

    await step('address-book', async () => {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Addresses' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Your addresses' }).waitFor();
      const book = page.getByRole('list', { name: 'Saved addresses' });
      await book.locator('.address-card', { hasText: home.line1 }).waitFor();
      expect(await book.locator('.address-card').count()).toBe(1);
    });

    await step('address-wrong-country', async () => {
      await page.getByRole('button', { name: 'Add an address' }).click();
      await page.getByRole('heading', { level: 2, name: 'New address' }).waitFor();
      await fillAddress('address-', { ...abroad, country: 'QQ' });
      const before = apiCalls.length;
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.locator('#address-country-error', { hasText: 'not a country code' }).waitFor();
      expect(await focusedId()).toBe('address-country');
      expect(apiCalls.slice(before)).toEqual([]);
    });

    await step('address-added', async () => {
      await page.locator('#address-country').fill('de');
      const added = page.waitForResponse(isCall('POST', /^\/api\/accounts\/me\/addresses$/));
      await page.getByRole('button', { name: 'Save address' }).click();
      expect((await added).status()).toBe(201);
      await page.locator('.address-status', { hasText: 'Address saved.' }).waitFor();
      const card = page.locator('.address-card', { hasText: abroad.line1 });
      await card.getByText(`${abroad.city} ${abroad.postalCode}, DE`).waitFor();
    });

    await step('address-edited', async () => {
      await page.getByRole('button', { name: new RegExp(`^Edit ${abroad.name}`) }).click();
      await page.getByRole('heading', { level: 2, name: 'Edit address' }).waitFor();
      expect(await page.locator('#address-city').inputValue()).toBe(abroad.city);
      await page.locator('#address-city').fill('Altona');
      const patched = page.waitForResponse(isCall('PATCH', /^\/api\/accounts\/me\/addresses\/.+$/));
      await page.getByRole('button', { name: 'Save changes' }).click();
      const answer = await patched;
      expect(answer.status()).toBe(200);
      expect(await answer.request().headerValue('if-match')).toMatch(/^"\d+"$/);
      expect(answer.request().postDataJSON()).toEqual({ city: 'Altona' });
      await page.locator('.address-status', { hasText: 'Address updated.' }).waitFor();
      await page
        .locator('.address-card', { hasText: abroad.line1 })
        .getByText(`Altona ${abroad.postalCode}, DE`)
        .waitFor();
    });

    await step('address-book-full', async () => {
      // Fill the book to its limit beside the page; the next save is refused by accounts.
      const headers = await customerHeaders();
      const { items } = await fetchJson<{ items: unknown[] }>(`${api}/accounts/me/addresses`, {
        headers,
      });
      for (let index = items.length; index < 20; index += 1)
        await fetchJson(`${api}/accounts/me/addresses`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ ...home, line1: `${index} Spare Street` }),
        });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Your addresses' }).waitFor();
      await page.locator('.address-card').nth(19).waitFor();
      await page.getByRole('button', { name: 'Add an address' }).click();
      await fillAddress('address-', { ...abroad, line1: 'One Too Many 1', country: 'DE' });
      const refused = page.waitForResponse(isCall('POST', /^\/api\/accounts\/me\/addresses$/));
      await page.getByRole('button', { name: 'Save address' }).click();
      const answer = await refused;
      expect(answer.status()).toBeGreaterThanOrEqual(400);
      expect(answer.status()).toBeLessThan(500);
      const problem = (await answer.json()) as { detail: string; code: string };
      expect(problem.detail).toMatch(/at most 20/);
      const alert = page.locator('.address-form').getByRole('alert');
      await alert.filter({ hasText: problem.detail }).waitFor();
      expect(await page.evaluate<boolean>('document.activeElement?.matches(".form-alert")')).toBe(
        true,
      );
      expect(await page.locator('.address-card').count()).toBe(20);
    });

    await step('address-deleted', async () => {
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: /^Delete .*19 Spare Street/ }).click();
      const deleted = page.waitForResponse(
        isCall('DELETE', /^\/api\/accounts\/me\/addresses\/.+$/),
      );
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      expect((await deleted).status()).toBe(204);
      await page.locator('.address-status', { hasText: 'Address deleted.' }).waitFor();
      await page.locator('.address-card', { hasText: '19 Spare Street' }).waitFor({
        state: 'detached',
      });
      expect(await page.locator('.address-card').count()).toBe(19);
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 180_000);

  it('when an order is delivered, then its owner requests a return of a line with a reason on the order page, and sees the return’s status and refund', async () => {
    expect(orderId).not.toBe('');
    // Bodiless admin calls: the bearer header alone (a JSON content type needs a body).
    const admin = { authorization: (await adminHeaders(api))['authorization'] ?? '' };
    for (const action of ['ship', 'deliver'])
      await fetchJson(`${api}/orders/${orderId}/${action}`, { method: 'POST', headers: admin });

    await step('delivered-order', async () => {
      await page.goto(`${platform?.origin}/#/orders/${orderId}`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor();
      await page.locator('.order-meta .status-badge', { hasText: 'Delivered' }).waitFor();
      // Delivered orders cannot be cancelled any more.
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    });

    await step('return-form-errors', async () => {
      await page.getByRole('button', { name: 'Return items' }).click();
      await page.getByRole('heading', { level: 2, name: 'Return items' }).waitFor();
      const before = apiCalls.length;
      await page.getByRole('button', { name: 'Request return' }).click();
      await page.getByText('Choose how many of at least one item to return.').waitFor();
      await page.locator('#return-reason-error').waitFor();
      expect(await page.locator('#return-reason').getAttribute('aria-invalid')).toBe('true');
      expect(apiCalls.slice(before)).toEqual([]);
    });

    let refund: Money | undefined;
    await step('return-requested', async () => {
      await page
        .getByRole('spinbutton', { name: new RegExp(`^${pick.product.name} \\(up to 1\\)`) })
        .fill('1');
      await page.getByLabel('Why are you returning them?').fill('It arrived scratched.');
      const requested = page.waitForResponse(isCall('POST', /^\/api\/orders\/[^/]+\/returns$/));
      await page.getByRole('button', { name: 'Request return' }).click();
      const answer = await requested;
      expect(answer.status()).toBe(201);
      const [variant] = pick.variants;
      expect(answer.request().postDataJSON()).toEqual({
        lines: [{ sku: variant.sku, quantity: 1 }],
        reason: 'It arrived scratched.',
      });
      const created = (await answer.json()) as { status: string; refund: Money };
      expect(created.status).toBe('requested');
      refund = created.refund;
      const row = page.locator('.return-row');
      await row.locator('.status-badge', { hasText: 'Return requested' }).waitFor();
      await waitForText(page, '.return-refund', `Refund ${money(refund)}`);
      await waitForText(page, '.return-items', `${pick.product.name} × 1`);
      // Every unit is claimed by the open return: nothing is left to return.
      expect(await page.getByRole('button', { name: 'Return items' }).count()).toBe(0);
    });

    await step('return-refunded', async () => {
      const order = await fetchJson<{ returns: { id: string }[] }>(`${api}/orders/${orderId}`, {
        headers: await customerHeaders(),
      });
      const returnId = order.returns[0]?.id ?? '';
      await fetchJson(`${api}/returns/${returnId}/receive`, { method: 'POST', headers: admin });
      await page.reload();
      await page.locator('.return-row .status-badge', { hasText: 'Refunded' }).waitFor();
      await page.locator('.order-meta .status-badge', { hasText: 'Returned' }).waitFor();
      await page.locator('.order-returned', { hasText: '1 returned' }).waitFor();
      await waitForText(page, '.return-refund', `Refund ${money(refund as Money)}`);
    });

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  }, 120_000);
});
