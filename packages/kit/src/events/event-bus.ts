import type { CloudEvent } from './cloud-event.ts';

/** What a consumer does with one event; throwing means "retry later". */
export type EventHandler = (event: CloudEvent) => Promise<void>;

export interface Subscription {
  /** Consumer group, `<service>.<purpose>`: each group sees every event of its topics once. */
  group: string;
  topics: string[];
  /** Only these event types reach the handler; others are acknowledged and skipped. */
  types?: string[];
  /**
   * Where a group with no recorded position begins: every retained event (the default),
   * or only events published from when it starts, for a per-process tail such as a live
   * stream's feed (a group named per process, so every replica sees every event).
   */
  startAt?: 'earliest' | 'latest';
  /**
   * False: the group keeps no inbox, so an event delivered again (a relay's republish, a
   * rebalance) reaches the handler again. For handlers that tolerate repeats by nature,
   * such as a live stream of versioned levels; it saves an inbox read and write per event.
   */
  inbox?: boolean;
  handle: EventHandler;
  /**
   * Optional: the new events of one delivery batch at once, in log order (already filtered
   * by `types`, without those the inbox has seen), so a handler can apply them in one
   * transaction (one disk sync, not one per event). It must leave the same state as
   * `handle` on each in turn. A bus that reads in batches (the embedded bus) calls it; one
   * that delivers message by message (Kafka) calls `handle`. If it throws, the batch's
   * events go to `handle` one by one, with the usual retries and dead letters, so one bad
   * event never holds the others back.
   */
  handleBatch?: (events: CloudEvent[]) => Promise<void>;
}

export interface DeadLetter {
  id: string;
  group: string;
  event: CloudEvent;
  error: string;
  attempts: number;
  failedAt: string;
  status: 'dead' | 'redriven';
  redrivenAt: string | null;
}

export interface DeadLetterQuery {
  groupPrefix?: string;
  limit: number;
  cursor?: string;
}

export interface BusStats {
  /** Events published but not yet handled, per consumer group. */
  lag: Record<string, number>;
  deadLetters: number;
}

/**
 * The event bus port. Producers never call `publish` inside a request: they append
 * to their outbox in the same transaction as the state change, and the outbox relay
 * publishes. Delivery is at least once; the bus keeps an inbox per group so a
 * redelivered event is not handled twice, retries a failing handler with backoff and
 * then parks the event as a dead letter that can be redriven.
 */
export interface EventBus {
  publish(events: CloudEvent[]): Promise<void>;
  subscribe(subscription: Subscription): void;
  start(): Promise<void>;
  listDeadLetters(
    query: DeadLetterQuery,
  ): Promise<{ items: DeadLetter[]; nextCursor: string | null }>;
  /** Delivers a dead letter to its group's handler again; resolves with its new state. */
  redrive(id: string, groupPrefix?: string): Promise<DeadLetter>;
  stats(): Promise<BusStats>;
  /** Resolves once every published event has been handled or dead-lettered (tests, shutdown). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

/** Exponential backoff with full jitter (the AWS architecture blog's recommendation). */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
