import type { RejectionReason } from './order.ts';

/**
 * The checkout saga's progress (ADR 0030). Forward: started → quoted → redeemed →
 * reserved → authorized → committed → confirmed. A refusal at any forward step moves it
 * to compensating, which undoes what was done, newest first, and ends in rejected.
 * The state is stored after every step, so another process can take it over.
 */
export type SagaStep =
  | 'started'
  | 'quoted'
  | 'redeemed'
  | 'reserved'
  | 'authorized'
  | 'committed'
  | 'confirmed'
  | 'compensating'
  | 'rejected'
  | 'cancelling'
  | 'cancelled';

export type ForwardAction = 'quote' | 'redeem' | 'reserve' | 'authorize' | 'commit' | 'confirm';
export type Compensation = 'void_payment' | 'release_stock' | 'release_promotion';
/** Undoing a confirmed order that the customer cancelled: stock back, payment let go. */
export type CancelAction = 'restock' | 'void_payment' | 'release_promotion';

/** A definitive refusal: the saga compensates and the order is rejected with `reason`. */
export class Rejection extends Error {
  readonly reason: RejectionReason;
  constructor(reason: RejectionReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** What the customer asked for, as it was when the order was placed. */
export interface SagaRequest {
  cartId: string;
  items: { sku: string; quantity: number }[];
  promotionCode: string | null;
  currency: string;
  country: string;
  shippingOptionId: string;
  paymentToken: string;
  expectedTotal: { amount: number; currency: string } | null;
  /**
   * Each line's product name and image as the cart showed them, copied onto the order's
   * lines when it is priced; absent in sagas stored before names were kept (ADR 0039).
   */
  products?: { sku: string; name: string; image: string | null }[];
}

export interface SagaState {
  step: SagaStep;
  request: SagaRequest;
  quoteId: string | null;
  redemption: 'none' | 'taken' | 'released';
  reservation: {
    id: string;
    allocations: { sku: string; location: string; quantity: number }[];
    released: boolean;
  } | null;
  authorization: { id: string; voided: boolean } | null;
  /** Why it compensates, and the action that failed (its effect may have happened). */
  failure: { reason: RejectionReason; detail: string; action: ForwardAction | null } | null;
  cartCleared: boolean;
  /** Allocations put back so far by a cancellation (index into reservation.allocations). */
  restocked: number;
  startedAt: number;
}

const NEXT: Partial<Record<SagaStep, ForwardAction>> = {
  started: 'quote',
  quoted: 'redeem',
  redeemed: 'reserve',
  reserved: 'authorize',
  authorized: 'commit',
  committed: 'confirm',
};

export const AFTER: Record<ForwardAction, SagaStep> = {
  quote: 'quoted',
  redeem: 'redeemed',
  reserve: 'reserved',
  authorize: 'authorized',
  commit: 'committed',
  confirm: 'confirmed',
};

export function newSaga(request: SagaRequest, now: number): SagaState {
  return {
    step: 'started',
    request,
    quoteId: null,
    redemption: 'none',
    reservation: null,
    authorization: null,
    failure: null,
    cartCleared: false,
    restocked: 0,
    startedAt: now,
  };
}

export function isSagaOpen(step: SagaStep): boolean {
  return step !== 'confirmed' && step !== 'rejected' && step !== 'cancelled';
}

/** The forward action due at `step` (none while compensating or when finished). */
export function nextAction(step: SagaStep): ForwardAction | undefined {
  return NEXT[step];
}

/**
 * Whether the step that led from `before` to `after` may go unstored until the next step's
 * write (ADR 0037): only when it took no effect anything would have to undo, and running it
 * again from the state stored before it changes nothing. The quote and an empty redeem
 * (no promotion: nothing is taken; with one, the quote is stored before the redemption, and
 * the redemption before the reservation), and the commit (committing a committed
 * reservation again answers it as it is; the confirmation that follows cannot fail for now).
 * Every other step, a refusal, a compensation and a final state are stored before the next
 * call.
 */
export function mayDefer(before: SagaState, after: SagaState): boolean {
  if (before.step === 'compensating' || before.step === 'cancelling') return false;
  if (after.step === 'quoted' || after.step === 'redeemed') return !after.request.promotionCode;
  return after.step === 'committed';
}

/**
 * Once the payment is authorized the saga goes forward: a transient failure is retried
 * rather than undone (the customer's money is held). Before it, a failure that lasts past
 * the retry window is a rejection.
 */
export function isPastPayment(step: SagaStep): boolean {
  return step === 'authorized' || step === 'committed';
}

/**
 * What is left to undo, newest first: the authorization, the stock, the promotion. The
 * action that failed is undone too when it may have taken effect (a timeout): releasing
 * what was never taken is a no-op upstream.
 */
export function pendingCompensations(saga: SagaState): Compensation[] {
  const due: Compensation[] = [];
  const failed = saga.failure?.action;
  if (saga.authorization && !saga.authorization.voided) due.push('void_payment');
  if (saga.reservation ? !saga.reservation.released : failed === 'reserve')
    due.push('release_stock');
  const mayHoldUse =
    saga.redemption === 'taken' || (saga.redemption === 'none' && failed === 'redeem');
  if (saga.request.promotionCode && mayHoldUse) due.push('release_promotion');
  return due;
}

/** What a cancellation still has to do, in order. */
export function pendingCancellation(saga: SagaState): CancelAction[] {
  const due: CancelAction[] = [];
  if (saga.reservation && saga.restocked < saga.reservation.allocations.length) due.push('restock');
  if (saga.authorization && !saga.authorization.voided) due.push('void_payment');
  if (saga.request.promotionCode && saga.redemption === 'taken') due.push('release_promotion');
  return due;
}

/** The rejection an upstream's coded refusal means, or undefined for an unexpected one. */
export function rejectionOfCode(code: string): RejectionReason | undefined {
  const reasons: Record<string, RejectionReason> = {
    'INVENTORY.INSUFFICIENT_STOCK': 'out_of_stock',
    'INVENTORY.UNKNOWN_SKU': 'out_of_stock',
    'PRICING.PROMOTION_EXHAUSTED': 'promotion_unavailable',
    'PRICING.PROMOTION_CUSTOMER_LIMIT': 'promotion_unavailable',
    'PRICING.PROMOTION_NOT_ACTIVE': 'promotion_unavailable',
    'PRICING.PROMOTION_NOT_FOUND': 'promotion_unavailable',
    'PRICING.PROMOTION_NOT_APPLICABLE': 'promotion_unavailable',
    'PRICING.UNPRICED_SKU': 'unpriced_item',
    'PRICING.SHIPPING_UNKNOWN': 'shipping_unavailable',
    'PRICING.COUNTRY_UNSUPPORTED': 'shipping_unavailable',
  };
  return reasons[code];
}
