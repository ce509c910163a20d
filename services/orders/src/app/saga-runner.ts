import { isAppError, type CloudEvent } from '@emporium/kit';
import type { Order } from '../domain/order.ts';
import {
  Rejection,
  isPastPayment,
  isSagaOpen,
  mayDefer,
  nextAction,
  rejectionOfCode,
  type ForwardAction,
  type SagaState,
} from '../domain/saga.ts';
import type { OrdersDeps } from './deps.ts';
import type { OrderWithSaga } from './ports/order-store.ts';
import { cancelStep, compensate, forward, type StepResult } from './saga-steps.ts';

/** More steps than any saga has (6 forward, 3 compensations, 1 rejection): a bound, not a limit. */
const MAX_STEPS = 32;

/**
 * Runs a saga step by step, storing the state after each one under a lease (ADR 0030).
 * A definitive refusal turns the saga to compensating; a transient failure (an upstream
 * down or slow) stops the run and leaves the saga where it is, for the resumer to go on.
 */
export class SagaRunner {
  private readonly deps: OrdersDeps;

  constructor(deps: OrdersDeps) {
    this.deps = deps;
  }

  /**
   * Takes the saga's lease and runs it as far as it goes now; returns the order as stored.
   * `placed`: the order and saga this process has just stored under its own lease (POST
   * /orders), so neither the claim nor a first read is needed. After each step the state
   * it saved is the current one: no read back between steps.
   */
  async run(orderId: string, placed?: OrderWithSaga): Promise<Order | undefined> {
    const { store, clock } = this.deps;
    let current = placed;
    if (!current) {
      if (!(await store.claim(orderId, this.lease(), clock.now())))
        return (await store.get(orderId))?.order;
      current = await store.get(orderId);
    }
    if (!current) return undefined;
    // The version stored last; `current` may be ahead of it by steps not stored yet.
    let storedVersion = current.order.version;
    let unsaved = false;
    const store1 = async (next: OrderWithSaga & { events: CloudEvent[] }) => {
      const order = { ...next.order, version: storedVersion + 1 };
      const finished = !isSagaOpen(next.saga.step);
      const saved = await store.save({
        order,
        saga: next.saga,
        events: next.events,
        lease: this.lease(),
        // A finished saga's answer is recorded in its last step's transaction (ADR 0037).
        ...(finished ? { response: this.answerOf(order) } : {}),
      });
      if (saved) storedVersion = order.version;
      return saved ? order : undefined;
    };
    let pendingEvents: CloudEvent[] = [];
    for (let step = 0; step < MAX_STEPS; step += 1) {
      if (!isSagaOpen(current.saga.step)) {
        await this.recordAnswer(current.order);
        return current.order;
      }
      const next = await this.advance(current);
      if (!next) {
        // A transient failure: what was done since the last write is stored, then the run stops.
        if (!unsaved) return current.order;
        const order = await store1({ ...current, events: pendingEvents });
        return order ?? (await store.get(orderId))?.order;
      }
      const events = [...pendingEvents, ...next.events];
      if (mayDefer(current.saga, next.saga)) {
        current = { order: next.order, saga: next.saga };
        pendingEvents = events;
        unsaved = true;
        continue;
      }
      const order = await store1({ order: next.order, saga: next.saga, events });
      // Another runner took the saga over (this one's lease had run out): it goes on.
      if (!order) return (await store.get(orderId))?.order;
      if (!isSagaOpen(next.saga.step)) return order;
      current = { order, saga: next.saga };
      pendingEvents = [];
      unsaved = false;
    }
    throw new Error(`The saga of ${orderId} did not settle in ${MAX_STEPS} steps`);
  }

  private lease() {
    return {
      owner: this.deps.saga.runnerId,
      until: this.deps.clock.now() + this.deps.saga.leaseMs,
    };
  }

  /** The next state, or undefined when the saga has to wait (a transient failure). */
  private async advance({ order, saga }: OrderWithSaga): Promise<StepResult | undefined> {
    const action = nextAction(saga.step);
    try {
      if (saga.step === 'compensating') return await compensate(this.deps, order, saga);
      if (saga.step === 'cancelling') return await cancelStep(this.deps, order, saga);
      return await forward(this.deps, action!, order, saga);
    } catch (error) {
      const failure = this.failureOf(error, saga, action);
      if (!failure) {
        this.deps.logger.warn(
          { err: error, orderId: order.id, step: saga.step },
          'a saga step failed for now; it will be retried',
        );
        return undefined;
      }
      this.deps.logger.info(
        { orderId: order.id, step: saga.step, reason: failure.reason },
        'the saga is compensating',
      );
      return { order, saga: { ...saga, step: 'compensating', failure }, events: [] };
    }
  }

  /** A definitive failure of a forward action as the saga's failure; undefined when transient. */
  private failureOf(
    error: unknown,
    saga: SagaState,
    action: ForwardAction | undefined,
  ): SagaState['failure'] | undefined {
    if (!action) return undefined; // compensations and cancellations are retried until done
    if (error instanceof Rejection) return { reason: error.reason, detail: error.message, action };
    if (isAppError(error) && error.code === 'ORDERS.PAYMENT_UNAVAILABLE')
      return { reason: 'payment_unavailable', detail: error.message, action };
    const transient =
      !isAppError(error) || error.kind === 'unavailable' || error.kind === 'timeout';
    if (!transient) {
      const reason = rejectionOfCode(error.code) ?? 'upstream_unavailable';
      return { reason, detail: error.message, action };
    }
    const waited = this.deps.clock.now() - saga.startedAt;
    if (isPastPayment(saga.step) || waited < this.deps.saga.retryWindowMs) return undefined;
    return {
      reason: 'upstream_unavailable',
      detail: `Gave up after ${Math.round(waited / 1000)} s: ${(error as Error).message}`,
      action,
    };
  }

  /** The first answer of POST /orders, when the request that placed it died before answering. */
  private async recordAnswer(order: Order): Promise<void> {
    await this.deps.store.recordResponse(order.userId, order.idempotencyKey, this.answerOf(order));
  }

  private answerOf(order: Order) {
    return { status: 201, body: this.deps.present(order) };
  }
}
