import type { CloudEvent } from './cloud-event.ts';

/**
 * An outbox row's lifecycle (eShop's IntegrationEventLog: NotPublished → InProgress →
 * Published | PublishedFailed): a relay claims `pending` or `failed` rows with a lease
 * (`in_progress`), then marks them `published`, or `failed` to be claimed again.
 */
export type OutboxStatus = 'pending' | 'in_progress' | 'published' | 'failed';

/** One committed, unpublished event; `id` is the store's handle for marking it. */
export interface PendingEvent {
  id: string;
  event: CloudEvent;
}

/** What a store knows about one event's row (inspection and tests). */
export interface OutboxEntry {
  id: string;
  eventId: string;
  status: OutboxStatus;
  /** Publish attempts so far, successful or not. */
  attempts: number;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface ClaimRequest {
  /** The relay instance claiming (unique per process). */
  owner: string;
  limit: number;
  /** How long the claim holds; after that another relay may take the rows over. */
  leaseMs: number;
}

/**
 * Where a service's outbox lives: the same store, and transaction, as its state.
 * `claim` hands out rows in commit order and never a row whose partition key has an
 * earlier row leased to someone else, so two relays on one store keep each aggregate's
 * order and publish each row once while both are alive.
 */
export interface OutboxStore {
  /** Leases the oldest claimable rows (pending, failed, or with an expired lease) to `owner`. */
  claim(request: ClaimRequest): Promise<PendingEvent[]>;
  /** Rows still leased to `owner` become published; rows it lost to a takeover are left. */
  markPublished(owner: string, ids: string[]): Promise<void>;
  /** Rows still leased to `owner` become failed (claimable again), counting the attempt. */
  markFailed(owner: string, ids: string[], error: string): Promise<void>;
  /** The oldest `limit` unpublished events in commit order, claimed or not (a read-only peek). */
  pending(limit: number): Promise<PendingEvent[]>;
  /** Rows not yet published, for the backlog gauge. */
  pendingCount(): Promise<number>;
  /** The row of an event; undefined when never appended or removed after retention. */
  find(eventId: string): Promise<OutboxEntry | undefined>;
}

/** How long published rows stay for inspection before a store removes them. */
export const defaultOutboxRetentionMs = 7 * 24 * 3600_000;
