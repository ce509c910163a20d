import { describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../../src/app/ports/payment-provider.ts';

/** The PaymentProvider port's contract: the built-in provider, bare and behind the retry policy. */
export function describePaymentProviderContract(options: {
  name: string;
  create(): PaymentProvider;
}): void {
  describe(`PaymentProvider contract: ${options.name}`, () => {
    const request = (token: string, key: string) => ({
      token,
      amount: 1234,
      currency: 'USD',
      idempotencyKey: key,
    });

    it('when tok_visa is authorized, then it approves; the same key again is the same authorization', async () => {
      const provider = options.create();
      const first = await provider.authorize(request('tok_visa', 'k1'));
      expect(first).toMatchObject({ outcome: 'authorized', authorizationId: expect.any(String) });
      expect(await provider.authorize(request('tok_visa', 'k1'))).toEqual(first);
      const other = await provider.authorize(request('tok_visa', 'k2'));
      expect(other).not.toEqual(first);
    });

    it('when tok_declined or an unknown token is authorized, then it declines with a reason', async () => {
      const provider = options.create();
      expect(await provider.authorize(request('tok_declined', 'd1'))).toEqual({
        outcome: 'declined',
        reason: 'card_declined',
      });
      expect(await provider.authorize(request('tok_bogus', 'd2'))).toMatchObject({
        outcome: 'declined',
      });
    });

    it('when the provider has an outage (tok_unavailable), then the call fails with ORDERS.PAYMENT_UNAVAILABLE', async () => {
      const provider = options.create();
      await expect(provider.authorize(request('tok_unavailable', 'u1'))).rejects.toMatchObject({
        code: 'ORDERS.PAYMENT_UNAVAILABLE',
      });
    });

    it('when an authorization is voided, captured or refunded, then each is safe to repeat', async () => {
      const provider = options.create();
      const auth = await provider.authorize(request('tok_visa', 'v1'));
      if (auth.outcome !== 'authorized') throw new Error('not authorized');
      await provider.capture(auth.authorizationId, 1234, 'c1');
      await provider.capture(auth.authorizationId, 1234, 'c1');
      const refund = await provider.refund(auth.authorizationId, 100, 'r1');
      expect(await provider.refund(auth.authorizationId, 100, 'r1')).toEqual(refund);
      await provider.void(auth.authorizationId, 'x1');
      await provider.void(auth.authorizationId, 'x1');
    });
  });
}
