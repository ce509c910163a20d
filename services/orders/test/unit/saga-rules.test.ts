import { describe, expect, it } from 'vitest';
import {
  isPastPayment,
  isSagaOpen,
  mayDefer,
  newSaga,
  nextAction,
  pendingCancellation,
  pendingCompensations,
  rejectionOfCode,
  type SagaState,
} from '../../src/domain/saga.ts';

const saga = (changes: Partial<SagaState> = {}, promotionCode: string | null = 'P'): SagaState => ({
  ...newSaga(
    {
      cartId: 'c',
      items: [{ sku: 'A', quantity: 1 }],
      promotionCode,
      currency: 'USD',
      country: 'US',
      shippingOptionId: 's',
      paymentToken: 'tok_visa',
      expectedTotal: null,
    },
    0,
  ),
  ...changes,
});

describe('the saga', () => {
  it('when it goes forward, then the actions come in the order quote, redeem, reserve, authorize, commit, confirm', () => {
    const steps = ['started', 'quoted', 'redeemed', 'reserved', 'authorized', 'committed'] as const;
    expect(steps.map(nextAction)).toEqual([
      'quote',
      'redeem',
      'reserve',
      'authorize',
      'commit',
      'confirm',
    ]);
    expect(nextAction('compensating')).toBeUndefined();
    expect(nextAction('confirmed')).toBeUndefined();
  });

  it('when it is finished, then it is closed; compensating and cancelling are still open', () => {
    expect(['confirmed', 'rejected', 'cancelled'].map((s) => isSagaOpen(s as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(isSagaOpen('compensating')).toBe(true);
    expect(isSagaOpen('cancelling')).toBe(true);
    expect(isSagaOpen('reserved')).toBe(true);
  });

  it('when the payment is authorized, then transient failures are waited out, not undone', () => {
    expect(isPastPayment('authorized')).toBe(true);
    expect(isPastPayment('committed')).toBe(true);
    expect(isPastPayment('reserved')).toBe(false);
  });

  it('when it compensates, then the newest effects are undone first and only those that happened', () => {
    const everything = saga({
      redemption: 'taken',
      reservation: { id: 'res', allocations: [], released: false },
      authorization: { id: 'pay', voided: false },
    });
    expect(pendingCompensations(everything)).toEqual([
      'void_payment',
      'release_stock',
      'release_promotion',
    ]);
    expect(pendingCompensations(saga())).toEqual([]);
    expect(
      pendingCompensations(
        saga({ redemption: 'released', authorization: { id: 'p', voided: true } }),
      ),
    ).toEqual([]);
  });

  it('when the action that failed may have taken effect, then it is undone as well', () => {
    const failure = (action: 'reserve' | 'redeem') => ({
      reason: 'upstream_unavailable' as const,
      detail: '',
      action,
    });
    expect(
      pendingCompensations(saga({ failure: failure('reserve'), redemption: 'taken' })),
    ).toEqual(['release_stock', 'release_promotion']);
    expect(pendingCompensations(saga({ failure: failure('redeem') }))).toEqual([
      'release_promotion',
    ]);
    expect(pendingCompensations(saga({ failure: failure('redeem') }, null))).toEqual([]);
  });

  it('when a confirmed order is cancelled, then every allocation is restocked, then the payment and promotion let go', () => {
    const confirmed = saga({
      redemption: 'taken',
      reservation: {
        id: 'res',
        allocations: [
          { sku: 'A', location: 'main', quantity: 1 },
          { sku: 'B', location: 'main', quantity: 2 },
        ],
        released: false,
      },
      authorization: { id: 'pay', voided: false },
      restocked: 1,
    });
    expect(pendingCancellation(confirmed)).toEqual([
      'restock',
      'void_payment',
      'release_promotion',
    ]);
    expect(pendingCancellation({ ...confirmed, restocked: 2, redemption: 'released' })).toEqual([
      'void_payment',
    ]);
  });

  it('when an upstream refuses with a known code, then it means a rejection reason', () => {
    expect(rejectionOfCode('INVENTORY.INSUFFICIENT_STOCK')).toBe('out_of_stock');
    expect(rejectionOfCode('PRICING.PROMOTION_EXHAUSTED')).toBe('promotion_unavailable');
    expect(rejectionOfCode('PRICING.UNPRICED_SKU')).toBe('unpriced_item');
    expect(rejectionOfCode('SOMETHING.ELSE')).toBeUndefined();
  });
});

describe('which steps wait for the next write (ADR 0037)', () => {
  it('when there is no promotion, then the quote and the empty redeem wait; with one, both are stored', () => {
    expect(mayDefer(saga({}, null), saga({ step: 'quoted' }, null))).toBe(true);
    expect(mayDefer(saga({ step: 'quoted' }, null), saga({ step: 'redeemed' }, null))).toBe(true);
    expect(mayDefer(saga(), saga({ step: 'quoted' }))).toBe(false);
    expect(mayDefer(saga({ step: 'quoted' }), saga({ step: 'redeemed' }))).toBe(false);
  });

  it('when the step is the reservation, the payment, the confirmation or a refusal, then it is stored before the next call', () => {
    for (const step of ['reserved', 'authorized', 'confirmed', 'compensating'] as const)
      expect(mayDefer(saga({}, null), saga({ step }, null))).toBe(false);
  });

  it('when the commit is done, then it waits for the confirmation; compensations and cancellations never wait', () => {
    expect(mayDefer(saga({ step: 'authorized' }), saga({ step: 'committed' }))).toBe(true);
    expect(
      mayDefer(saga({ step: 'compensating' }, null), saga({ step: 'compensating' }, null)),
    ).toBe(false);
    expect(mayDefer(saga({ step: 'cancelling' }, null), saga({ step: 'cancelling' }, null))).toBe(
      false,
    );
    expect(mayDefer(saga({ step: 'compensating' }, null), saga({ step: 'rejected' }, null))).toBe(
      false,
    );
  });
});
