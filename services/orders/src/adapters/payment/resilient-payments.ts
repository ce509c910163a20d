import {
  ExponentialBackoff,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
  wrap,
  TaskCancelledError,
} from 'cockatiel';
import { isAppError } from '@emporium/kit';
import { OrdersErrors } from '../../domain/errors.ts';
import type { PaymentProvider } from '../../app/ports/payment-provider.ts';

/**
 * Timeouts and retries around a provider (cockatiel, as the kit's ServiceClient). Every
 * call carries its idempotency key, so a retry after a timeout cannot charge twice. Once
 * the retries are spent the call fails with ORDERS.PAYMENT_UNAVAILABLE.
 */
export function resilientPayments(
  provider: PaymentProvider,
  options: { timeoutMs: number; retries: number },
): PaymentProvider {
  const transient = handleWhen(
    (error) =>
      error instanceof TaskCancelledError ||
      (isAppError(error) && (error.kind === 'unavailable' || error.kind === 'timeout')),
  );
  const policy = wrap(
    retry(transient, {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
    }),
    timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
  );
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await policy.execute(run);
    } catch (error) {
      if (isAppError(error) && error.kind !== 'unavailable' && error.kind !== 'timeout')
        throw error;
      throw OrdersErrors.PAYMENT_UNAVAILABLE.create(
        `The payment provider failed to ${what} after ${options.retries + 1} attempts: ${(error as Error).message}`,
      );
    }
  };
  return {
    authorize: (request) => call('authorize', () => provider.authorize(request)),
    void: (id, key) => call('void', () => provider.void(id, key)),
    capture: (id, amount, key) => call('capture', () => provider.capture(id, amount, key)),
    refund: (id, amount, key) => call('refund', () => provider.refund(id, amount, key)),
  };
}
