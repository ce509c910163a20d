import { describe, expect, it } from 'vitest';

type Fn = (...args: unknown[]) => unknown;
const model = (await import(
  new URL('../public/checkout-model.js', import.meta.url).href
)) as Record<string, unknown>;
function fn(name: string): Fn {
  const found = model[name];
  if (typeof found !== 'function') throw new Error(`checkout-model.js exports no ${name}`);
  return found as Fn;
}

const addressFromForm = fn('addressFromForm');
const validateAddress = fn('validateAddress');
const addressSummary = fn('addressSummary');
const newIdempotencyKey = fn('newIdempotencyKey');
const orderRequest = fn('orderRequest');
const quoteRequest = fn('quoteRequest');
const statusLabel = fn('statusLabel');
const rejectionMessage = fn('rejectionMessage');
const canCancel = fn('canCancel');
const historyOf = fn('historyOf');

const address = {
  name: 'Ada',
  line1: '1 Main St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

describe('addressFromForm and validateAddress', () => {
  it('when the form is filled, then values are trimmed, empty optional fields dropped and the country upper-cased', () => {
    const built = addressFromForm({
      ...address,
      name: ' Ada ',
      country: 'us',
      line2: '',
      phone: '  ',
    });
    expect(built).toEqual(address);
    expect(validateAddress(built)).toEqual({});
  });

  it('when required fields are missing or the country is not two letters, then each is named', () => {
    const errors = validateAddress(addressFromForm({ name: 'Ada', country: 'USA' })) as Record<
      string,
      string
    >;
    expect(Object.keys(errors).sort()).toEqual(['city', 'country', 'line1', 'postalCode']);
    expect(errors['city']).toBe('Enter the city.');
  });

  it('when an address is summarised, then it reads as one line', () => {
    expect(addressSummary({ ...address, region: 'IL' })).toBe(
      'Ada, 1 Main St, Springfield IL 12345, US',
    );
  });
});

describe('newIdempotencyKey', () => {
  it('when two attempts start, then each gets its own key', () => {
    let n = 0;
    const crypto = { randomUUID: () => `uuid-${(n += 1)}` };
    expect(newIdempotencyKey(crypto)).toBe('chk-uuid-1');
    expect(newIdempotencyKey(crypto)).toBe('chk-uuid-2');
  });

  it('when randomUUID is missing, then 16 random bytes make the key', () => {
    const crypto = { getRandomValues: (bytes: Uint8Array) => bytes.fill(171) };
    expect(newIdempotencyKey(crypto)).toBe(`chk-${'ab'.repeat(16)}`);
  });
});

describe('orderRequest', () => {
  const quote = {
    total: { amount: 5853, currency: 'USD' },
    subtotal: { amount: 4899, currency: 'USD' },
  };

  it('when a new address is used, then it is sent with the total the shopper saw as expectedTotal', () => {
    expect(
      orderRequest({
        cartId: 'crt_1',
        address,
        shippingOptionId: 'standard',
        quote,
        cardToken: ' tok_visa ',
      }),
    ).toEqual({
      cartId: 'crt_1',
      shippingAddress: address,
      shippingOptionId: 'standard',
      expectedTotal: { amount: 5853, currency: 'USD' },
      payment: { token: 'tok_visa' },
    });
  });

  it('when a saved address is chosen, then only its id is sent', () => {
    const body = orderRequest({
      cartId: 'crt_1',
      addressId: 'adr_1',
      shippingOptionId: 'express',
      quote,
      cardToken: 'tok_visa',
    }) as Record<string, unknown>;
    expect(body['addressId']).toBe('adr_1');
    expect(body).not.toHaveProperty('shippingAddress');
  });
});

describe('quoteRequest', () => {
  it('when the cart has lines and a promotion, then the quote asks for them with the option and country', () => {
    const cart = {
      items: [{ id: 'l1', sku: 'A-1', quantity: 2, name: 'A' }],
      promotionCode: 'TEN',
      currency: 'USD',
    };
    expect(quoteRequest(cart, { shippingOptionId: 'standard', country: 'US' })).toEqual({
      items: [{ sku: 'A-1', quantity: 2 }],
      currency: 'USD',
      promotionCode: 'TEN',
      shippingOptionId: 'standard',
      country: 'US',
    });
  });
});

describe('order status and rejection', () => {
  it('when an order was declined, then the reason is told and the cart is said to be kept', () => {
    expect(rejectionMessage({ rejectionReason: 'payment_declined' })).toBe(
      'Your card was declined. Try another card; your cart is kept.',
    );
    expect(rejectionMessage({ rejectionReason: 'something_new' })).toBe(
      'The order could not be placed (something new).',
    );
  });

  it('when statuses are shown, then they read as words', () => {
    expect(statusLabel('pending')).toBe('Processing');
    expect(statusLabel('confirmed')).toBe('Confirmed');
  });

  it('when an order is confirmed, then it can be cancelled; shipped, pending or final ones cannot', () => {
    expect(canCancel({ status: 'confirmed' })).toBe(true);
    for (const status of ['pending', 'shipped', 'delivered', 'rejected', 'cancelled'])
      expect(canCancel({ status })).toBe(false);
  });

  it('when the history is listed, then it is oldest first', () => {
    const history = historyOf({
      statusHistory: [
        { status: 'confirmed', at: '2026-12-02T04:00:02Z' },
        { status: 'pending', at: '2026-12-02T04:00:01Z' },
      ],
    }) as Array<{ status: string }>;
    expect(history.map((change) => change.status)).toEqual(['pending', 'confirmed']);
  });
});
