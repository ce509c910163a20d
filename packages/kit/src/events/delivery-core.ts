import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { CloudEvent } from './cloud-event.ts';
import { BusErrors } from './errors.ts';
import { backoffDelay, type DeadLetter, type RetryPolicy, type Subscription } from './event-bus.ts';
import type { Inbox } from './inbox.ts';

/** Why an event could not be handled, after every attempt the retry policy allows. */
export interface DeliveryFailure {
  group: string;
  event: CloudEvent;
  error: string;
  attempts: number;
  failedAt: number;
}

/**
 * What happened to one delivered event. `interrupted`: the bus is closing in the middle
 * of the retries; the caller leaves the event unacknowledged so it is delivered again.
 */
export type DeliveryOutcome =
  'filtered' | 'duplicate' | 'handled' | 'dead-lettered' | 'interrupted';

/** Where a bus keeps the dead letters that an operator can redrive. */
export interface DeadLetterLedger {
  get(id: string): Promise<DeadLetter | undefined>;
  failedAgain(letter: DeadLetter, error: string, now: number): Promise<DeadLetter>;
  redriven(letter: DeadLetter, now: number): Promise<DeadLetter>;
}

export interface DeliveryCoreOptions {
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  inbox: Inbox;
}

/**
 * What every bus does with an event for one consumer group: filter by type, skip what
 * the inbox has seen, retry a failing handler with backoff, then hand the failure to
 * the bus's dead-letter sink; and the one redrive path. The buses differ only in how
 * they read events, commit progress and store dead letters.
 */
export class DeliveryCore {
  readonly subscription: Subscription;
  private readonly options: DeliveryCoreOptions;

  constructor(subscription: Subscription, options: DeliveryCoreOptions) {
    this.subscription = subscription;
    this.options = options;
  }

  /** Hands one event to the group and records it in the inbox once handled. */
  async deliver(
    event: CloudEvent,
    signal: AbortSignal,
    deadLetter: (failure: DeliveryFailure) => Promise<void>,
  ): Promise<DeliveryOutcome> {
    const outcome = await this.deliverUnrecorded(event, signal, deadLetter);
    if (outcome === 'handled' && this.keepsInbox)
      await this.options.inbox.record(this.subscription.group, event.id);
    return outcome;
  }

  /** Whether handled events are recorded, and skipped when they come again. */
  get keepsInbox(): boolean {
    return this.subscription.inbox !== false;
  }

  /**
   * Like `deliver`, but leaves recording a `handled` event to the caller, so a bus can
   * commit the inbox rows of a whole batch with its offset in one transaction.
   */
  async deliverUnrecorded(
    event: CloudEvent,
    signal: AbortSignal,
    deadLetter: (failure: DeliveryFailure) => Promise<void>,
  ): Promise<DeliveryOutcome> {
    const { group, types } = this.subscription;
    if (types && !types.includes(event.type)) return 'filtered';
    if (this.keepsInbox && (await this.options.inbox.has(group, event.id))) return 'duplicate';
    const failure = await this.handleWithRetries(event, signal);
    if (!failure) return 'handled';
    if (signal.aborted) return 'interrupted';
    await deadLetter({ group, event, ...failure, failedAt: this.options.clock.now() });
    this.options.logger.error(
      { group, eventId: event.id, type: event.type, error: failure.error },
      'event dead-lettered',
    );
    return 'dead-lettered';
  }

  /** Hands a dead letter to the handler once more; on success the inbox records it. */
  async redrive(letter: DeadLetter, ledger: DeadLetterLedger): Promise<DeadLetter> {
    const now = this.options.clock.now();
    try {
      await this.subscription.handle(letter.event);
    } catch (error) {
      return ledger.failedAgain(letter, messageOf(error), now);
    }
    if (this.keepsInbox) await this.options.inbox.record(letter.group, letter.event.id);
    return ledger.redriven(letter, now);
  }

  private async handleWithRetries(
    event: CloudEvent,
    signal: AbortSignal,
  ): Promise<{ error: string; attempts: number } | undefined> {
    const { retry, clock, logger } = this.options;
    let error = '';
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        await this.subscription.handle(event);
        return undefined;
      } catch (caught) {
        error = messageOf(caught);
        logger.warn(
          { group: this.subscription.group, eventId: event.id, attempt, error },
          'event handler failed',
        );
        if (signal.aborted) return { error, attempts: attempt };
        if (attempt < retry.maxAttempts) await clock.sleep(backoffDelay(attempt, retry), signal);
      }
    }
    return { error, attempts: retry.maxAttempts };
  }
}

/**
 * The one redrive path of every bus: the letter must exist (within the caller's
 * service prefix), still be dead, and its group must be running in this process.
 */
export async function redriveDeadLetter(request: {
  id: string;
  groupPrefix?: string;
  ledger: DeadLetterLedger;
  cores: ReadonlyMap<string, DeliveryCore>;
  running: boolean;
}): Promise<DeadLetter> {
  const { id, groupPrefix, ledger, cores, running } = request;
  const letter = await ledger.get(id);
  if (!letter || (groupPrefix && !letter.group.startsWith(`${groupPrefix}.`)))
    throw BusErrors.DEAD_LETTER_NOT_FOUND.create(`No dead letter ${id}`);
  if (letter.status === 'redriven')
    throw BusErrors.ALREADY_REDRIVEN.create(`Dead letter ${id} was already redriven`);
  const core = cores.get(letter.group);
  if (!core || !running)
    throw BusErrors.CONSUMER_NOT_RUNNING.create(
      `Consumer group ${letter.group} is not running here`,
    );
  return core.redrive(letter, ledger);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
