import { ManualClock, instantClock } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import { resilientPayments } from '../../src/adapters/payment/resilient-payments.ts';
import { TestPaymentProvider } from '../../src/adapters/payment/test-payment-provider.ts';
import { MemoryTestProviderLedger } from '../../src/adapters/payment/test-provider-ledger.ts';
import { describePaymentProviderContract } from './payment-provider.contract.ts';

describePaymentProviderContract({
  name: 'test provider',
  create: () => new TestPaymentProvider({ clock: instantClock() }),
});

describePaymentProviderContract({
  name: 'test provider behind timeouts and retries',
  create: () =>
    resilientPayments(new TestPaymentProvider({ clock: instantClock() }), {
      timeoutMs: 1_000,
      retries: 2,
    }),
});

it('when the provider takes longer than the timeout every time, then the call ends as ORDERS.PAYMENT_UNAVAILABLE after the retries', async () => {
  let calls = 0;
  const slow = resilientPayments(
    {
      authorize: () => {
        calls += 1;
        return new Promise(() => undefined);
      },
      void: async () => undefined,
      capture: async () => undefined,
      refund: async () => ({ refundId: 'r' }),
    },
    { timeoutMs: 20, retries: 2 },
  );
  await expect(
    slow.authorize({ token: 'tok_visa', amount: 1, currency: 'USD', idempotencyKey: 'k' }),
  ).rejects.toMatchObject({ code: 'ORDERS.PAYMENT_UNAVAILABLE' });
  expect(calls).toBe(3);
});

describe('the test provider, bounded for a long-running process', () => {
  const visa = (key: string) => ({
    token: 'tok_visa',
    amount: 500,
    currency: 'USD',
    idempotencyKey: key,
  });

  it('when a key comes back within a day, then it gets the first answer; after a day it is a new call', async () => {
    const clock = new ManualClock();
    const provider = new TestPaymentProvider({ clock });
    const first = await provider.authorize(visa('day'));
    clock.advance(23 * 60 * 60 * 1000);
    expect(await provider.authorize(visa('day'))).toEqual(first);
    clock.advance(2 * 60 * 60 * 1000);
    const later = await provider.authorize(visa('day'));
    expect(later).toMatchObject({ outcome: 'authorized' });
    expect(later).not.toEqual(first);
  });

  it('when more authorizations are made than it keeps, then only the oldest are forgotten', async () => {
    const provider = new TestPaymentProvider({
      clock: new ManualClock(),
      ledger: new MemoryTestProviderLedger(3),
    });
    const ids: string[] = [];
    for (const key of ['a', 'b', 'c', 'd']) {
      const auth = await provider.authorize(visa(key));
      if (auth.outcome !== 'authorized') throw new Error('not authorized');
      ids.push(auth.authorizationId);
    }
    expect(provider.authorization(ids[0]!)).toBeUndefined();
    for (const id of ids.slice(1))
      expect(provider.authorization(id)).toMatchObject({ amount: 500 });
  });
});
