import { newId, type Clock } from '@emporium/kit';
import { OrdersErrors } from '../../domain/errors.ts';
import type { Authorization, PaymentProvider } from '../../app/ports/payment-provider.ts';

/**
 * The built-in payment provider (ADR 0031): `tok_visa` approves, `tok_declined` (and any
 * unknown token) declines, `tok_unavailable` fails like an outage. It keeps its answers
 * per idempotency key, as a real provider does, so a retried call gets the first result.
 * `delayMs` makes every call take that long (by the injected clock): the crash test uses it
 * to stop the process while a payment is in flight.
 *
 * It lives as long as the process, so what it keeps is bounded: answers for a day (a real
 * provider's idempotency window) and the most recent authorizations, enough for the
 * captures, voids and refunds that follow them in any test or demo.
 */
const ANSWER_RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_AUTHORIZATIONS = 100_000;

export class TestPaymentProvider implements PaymentProvider {
  private readonly clock: Clock;
  private readonly delayMs: number;
  private readonly answers = new Map<string, { answer: unknown; at: number }>();
  private readonly authorizations = new Map<
    string,
    { amount: number; captured: number; refunded: number; voided: boolean }
  >();

  private readonly maxAuthorizations: number;

  constructor(options: { clock: Clock; delayMs?: number; maxAuthorizations?: number }) {
    this.clock = options.clock;
    this.delayMs = options.delayMs ?? 0;
    this.maxAuthorizations = options.maxAuthorizations ?? MAX_AUTHORIZATIONS;
  }

  async authorize(request: {
    token: string;
    amount: number;
    currency: string;
    idempotencyKey: string;
  }): Promise<Authorization> {
    return this.once(request.idempotencyKey, async () => {
      if (request.token === 'tok_unavailable')
        throw OrdersErrors.PAYMENT_UNAVAILABLE.create('The test provider is having an outage');
      if (request.token !== 'tok_visa')
        return {
          outcome: 'declined' as const,
          reason: request.token === 'tok_declined' ? 'card_declined' : 'unknown_token',
        };
      const authorizationId = newId('pay', this.clock.now());
      if (this.authorizations.size >= this.maxAuthorizations)
        this.authorizations.delete(this.authorizations.keys().next().value!);
      this.authorizations.set(authorizationId, {
        amount: request.amount,
        captured: 0,
        refunded: 0,
        voided: false,
      });
      return { outcome: 'authorized' as const, authorizationId };
    });
  }

  async void(authorizationId: string, idempotencyKey: string): Promise<void> {
    await this.once(idempotencyKey, async () => {
      const found = this.authorizations.get(authorizationId);
      if (found) found.voided = true;
    });
  }

  async capture(authorizationId: string, amount: number, idempotencyKey: string): Promise<void> {
    await this.once(idempotencyKey, async () => {
      const found = this.authorizations.get(authorizationId);
      if (found && !found.voided) found.captured = Math.min(found.amount, found.captured + amount);
    });
  }

  async refund(
    authorizationId: string,
    amount: number,
    idempotencyKey: string,
  ): Promise<{ refundId: string }> {
    return this.once(idempotencyKey, async () => {
      const found = this.authorizations.get(authorizationId);
      if (found) found.refunded = Math.min(found.amount, found.refunded + amount);
      return { refundId: newId('rfd', this.clock.now()) };
    });
  }

  /** What the provider holds for an authorization (tests check voids, captures, refunds). */
  authorization(id: string) {
    return this.authorizations.get(id);
  }

  private async once<T>(key: string, run: () => Promise<T>): Promise<T> {
    if (this.delayMs > 0) await this.clock.sleep(this.delayMs);
    // Older answers go first, so a key past the window is a new call however quiet it was.
    this.forgetAnswersBefore(this.clock.now() - ANSWER_RETENTION_MS);
    const kept = this.answers.get(key);
    if (kept) return kept.answer as T;
    const answer = await run();
    this.answers.set(key, { answer, at: this.clock.now() });
    return answer;
  }

  /** Answers are kept in the order they were given, so the oldest are at the front. */
  private forgetAnswersBefore(cutoff: number): void {
    for (const [key, { at }] of this.answers) {
      if (at >= cutoff) return;
      this.answers.delete(key);
    }
  }
}
