/**
 * A work queue (SQS semantics): a received message is hidden for the visibility
 * timeout and comes back unless acknowledged; after `maxReceives` receptions it moves
 * to the dead-letter queue, where it can be inspected and redriven.
 */
export interface QueueMessage<T> {
  id: string;
  body: T;
  /** How many times it has been received, this time included. */
  receiveCount: number;
  /** Proof of this reception, for ack and release. */
  receipt: string;
}

export interface ReceiveOptions {
  max: number;
  /** Long polling: wait up to this long for a first message. */
  waitMs?: number;
}

export interface WorkQueue<T> {
  send(body: T, options?: { delayMs?: number }): Promise<string>;
  receive(options: ReceiveOptions): Promise<QueueMessage<T>[]>;
  /** Done: the message is gone for good. */
  ack(receipt: string): Promise<void>;
  /** Not now: visible again after `delayMs` (a retry with backoff). */
  release(receipt: string, delayMs: number): Promise<void>;
  /** Messages that exhausted their receptions, oldest first (not removed). */
  deadLetters(limit: number): Promise<QueueMessage<T>[]>;
  /** Moves every dead letter back to the queue; resolves with how many moved. */
  redriveDeadLetters(): Promise<number>;
  close(): Promise<void>;
}

export interface WorkQueueSettings {
  name: string;
  visibilityTimeoutMs: number;
  maxReceives: number;
}
