import { newId, type Clock } from '@emporium/kit';
import { OrdersErrors } from '../../domain/errors.ts';
import type { Authorization, PaymentProvider } from '../../app/ports/payment-provider.ts';
import {
  MemoryTestProviderLedger,
  type AuthorizationChange,
  type AuthorizationState,
  type Decision,
  type TestProviderLedger,
} from './test-provider-ledger.ts';

const ANSWER_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Expired answers are ignored at once and deleted this often (clock time). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The built-in payment provider (ADR 0031): `tok_visa` approves, `tok_declined` (and any
 * unknown token) declines, `tok_unavailable` fails like an outage. It keeps its answers
 * per idempotency key, as a real provider does, so a retried call gets the first result:
 * for a day (a real provider's idempotency window), in its ledger. `npm start` keeps the
 * ledger on disk, so a restart of orders forgets nothing a remote provider would remember;
 * unit tests keep it in memory. `delayMs` makes every call take that long (by the injected
 * clock): the crash test uses it to stop the process while a payment is in flight.
 */
export class TestPaymentProvider implements PaymentProvider {
  private readonly clock: Clock;
  private readonly delayMs: number;
  private readonly ledger: TestProviderLedger;
  private nextSweepAt = 0;

  constructor(options: {
    clock: Clock;
    delayMs?: number;
    /** In memory (bounded) by default. */
    ledger?: TestProviderLedger;
  }) {
    this.clock = options.clock;
    this.delayMs = options.delayMs ?? 0;
    this.ledger = options.ledger ?? new MemoryTestProviderLedger();
  }

  async authorize(request: {
    token: string;
    amount: number;
    currency: string;
    idempotencyKey: string;
  }): Promise<Authorization> {
    return this.once(request.idempotencyKey, (): Decision<Authorization> => {
      if (request.token === 'tok_unavailable')
        throw OrdersErrors.PAYMENT_UNAVAILABLE.create('The test provider is having an outage');
      if (request.token !== 'tok_visa')
        return {
          answer: {
            outcome: 'declined' as const,
            reason: request.token === 'tok_declined' ? 'card_declined' : 'unknown_token',
          },
        };
      const authorizationId = newId('pay', this.clock.now());
      return {
        answer: { outcome: 'authorized' as const, authorizationId },
        authorization: {
          id: authorizationId,
          state: { amount: request.amount, captured: 0, refunded: 0, voided: false },
        },
      };
    });
  }

  async void(authorizationId: string, idempotencyKey: string): Promise<void> {
    await this.once(idempotencyKey, () => ({
      answer: null,
      ...this.changed(authorizationId, (found) => ({ ...found, voided: true })),
    }));
  }

  async capture(authorizationId: string, amount: number, idempotencyKey: string): Promise<void> {
    await this.once(idempotencyKey, () => ({
      answer: null,
      ...this.changed(authorizationId, (found) =>
        found.voided
          ? found
          : { ...found, captured: Math.min(found.amount, found.captured + amount) },
      ),
    }));
  }

  async refund(
    authorizationId: string,
    amount: number,
    idempotencyKey: string,
  ): Promise<{ refundId: string }> {
    return this.once(idempotencyKey, () => ({
      answer: { refundId: newId('rfd', this.clock.now()) },
      ...this.changed(authorizationId, (found) => ({
        ...found,
        refunded: Math.min(found.amount, found.refunded + amount),
      })),
    }));
  }

  /** What the provider holds for an authorization (tests check voids, captures, refunds). */
  authorization(id: string): AuthorizationState | undefined {
    return this.ledger.authorization(id);
  }

  async close(): Promise<void> {
    await this.ledger.close();
  }

  /** The authorization after `change`, to record with the answer; nothing for an unknown id. */
  private changed(
    id: string,
    change: (found: AuthorizationState) => AuthorizationState,
  ): { authorization?: AuthorizationChange } {
    const found = this.ledger.authorization(id);
    return found ? { authorization: { id, state: change(found) } } : {};
  }

  /** The first answer for `key` within the window, or `decide`'s, recorded with what it changed. */
  private async once<T>(key: string, decide: () => Decision<T>): Promise<T> {
    if (this.delayMs > 0) await this.clock.sleep(this.delayMs);
    const now = this.clock.now();
    if (now >= this.nextSweepAt) {
      this.ledger.sweep(now - ANSWER_RETENTION_MS);
      this.nextSweepAt = now + SWEEP_EVERY_MS;
    }
    return this.ledger.once({ key, notBefore: now - ANSWER_RETENTION_MS, at: now, decide });
  }
}
