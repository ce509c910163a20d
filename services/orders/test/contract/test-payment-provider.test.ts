import { instantClock } from '@emporium/kit/testing';
import { expect, it } from 'vitest';
import { resilientPayments } from '../../src/adapters/payment/resilient-payments.ts';
import { TestPaymentProvider } from '../../src/adapters/payment/test-payment-provider.ts';
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
