export type Authorization =
  { outcome: 'authorized'; authorizationId: string } | { outcome: 'declined'; reason: string };

/**
 * A payment service provider (ADR 0031). Every call carries an idempotency key: the
 * provider answers a repeated key with the first result, so calls are safe to retry.
 * An outage throws ORDERS_PAYMENT.UNAVAILABLE (after the adapter's retries).
 */
export interface PaymentProvider {
  authorize(request: {
    token: string;
    amount: number;
    currency: string;
    idempotencyKey: string;
  }): Promise<Authorization>;
  /** Lets an authorization go (nothing was taken). */
  void(authorizationId: string, idempotencyKey: string): Promise<void>;
  capture(authorizationId: string, amount: number, idempotencyKey: string): Promise<void>;
  refund(
    authorizationId: string,
    amount: number,
    idempotencyKey: string,
  ): Promise<{ refundId: string }>;
}
