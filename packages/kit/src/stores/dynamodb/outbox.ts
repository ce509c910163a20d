import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../clock.ts';
import { topicOf, type CloudEvent } from '../../events/cloud-event.ts';
import {
  defaultOutboxRetentionMs,
  type ClaimRequest,
  type OutboxEntry,
  type OutboxStatus,
  type OutboxStore,
  type PendingEvent,
} from '../../events/outbox.ts';
import { newId } from '../../ids.ts';
import { isConditionFailure, isNew, type ItemKey, type TxOps } from './transaction.ts';

/** Unpublished rows, oldest first; published ones move out so a claim never reads past them. */
const PENDING = 'OUTBOX';
/** Published rows by publish time, kept for inspection until the retention removes them. */
const PUBLISHED = 'OUTBOX#PUBLISHED';

export const outboxKeys = {
  pending: (entryId: string): ItemKey => ({ PK: PENDING, SK: entryId }),
  published: (publishedAt: number, entryId: string): ItemKey => ({
    PK: PUBLISHED,
    SK: `${String(publishedAt).padStart(15, '0')}#${entryId}`,
  }),
};

type Item = ItemKey & {
  eventId: string;
  topic: string;
  partitionKey: string;
  envelope: string;
  status?: OutboxStatus;
  attempts?: number;
  lastError?: string;
  leaseOwner?: string;
  leaseUntil?: number;
  createdAt: number;
  publishedAt?: number;
};

/**
 * Adds one outbox item per event to the caller's transaction. The sort key is a ULID
 * drawn now from the process's monotonic generator, so the partition reads back in
 * append order (events of one write, then write after write) without a shared counter
 * item that would serialize every write of every instance.
 */
export function appendEvents<G extends string>(
  ops: TxOps<G>,
  events: CloudEvent[],
  now: number,
): void {
  for (const event of events) {
    ops.put(
      {
        ...outboxKeys.pending(newId('obx', now)),
        eventId: event.id,
        topic: topicOf(event.type),
        partitionKey: event.partitionkey,
        envelope: JSON.stringify(event),
        status: 'pending',
        attempts: 0,
        createdAt: now,
      },
      'integrity',
      isNew,
    );
  }
}

export interface DynamoOutboxStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Pick<Clock, 'now'>;
  retentionMs?: number;
}

const claimable =
  'attribute_exists(PK) AND (attribute_not_exists(#status) OR #status IN (:pending, :failed)' +
  ' OR (#status = :inProgress AND (leaseUntil <= :now OR leaseOwner = :owner)))';

/**
 * The outbox items of a single-table DynamoDB design (the `OUTBOX` partition of the
 * service's table). A claim walks the partition in order and leases each free item
 * with a conditional update; an item it cannot lease blocks the rest of its key for
 * this claim, which keeps per-aggregate order between relays.
 */
export class DynamoOutboxStore implements OutboxStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Pick<Clock, 'now'>;
  private readonly retentionMs: number;
  /** Items this instance leased, so marking them published needs no read. */
  private readonly leased = new Map<string, Item>();

  constructor(options: DynamoOutboxStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.clock = options.clock;
    this.retentionMs = options.retentionMs ?? defaultOutboxRetentionMs;
  }

  async claim({ owner, limit, leaseMs }: ClaimRequest): Promise<PendingEvent[]> {
    const now = this.clock.now();
    const blocked = new Set<string>();
    const claimed: PendingEvent[] = [];
    for await (const item of this.items(PENDING)) {
      if (claimed.length >= limit) break;
      if (blocked.has(item.partitionKey)) continue;
      const leasedElsewhere =
        item.status === 'in_progress' && (item.leaseUntil ?? 0) > now && item.leaseOwner !== owner;
      if (leasedElsewhere || !(await this.lease(item, owner, now, now + leaseMs))) {
        blocked.add(item.partitionKey);
        continue;
      }
      claimed.push({ id: item.SK, event: JSON.parse(item.envelope) as CloudEvent });
    }
    return claimed;
  }

  async markPublished(owner: string, ids: string[]): Promise<void> {
    const now = this.clock.now();
    for (const id of ids) await this.movePublished(owner, id, now);
    await this.purgePublished(now - this.retentionMs);
  }

  async markFailed(owner: string, ids: string[], error: string): Promise<void> {
    for (const id of ids) {
      this.leased.delete(id);
      await this.client
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: outboxKeys.pending(id),
            UpdateExpression:
              'SET #status = :failed, lastError = :error ADD attempts :one REMOVE leaseOwner, leaseUntil',
            ConditionExpression: '#status = :inProgress AND leaseOwner = :owner',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':failed': 'failed',
              ':inProgress': 'in_progress',
              ':error': error,
              ':one': 1,
              ':owner': owner,
            },
          }),
        )
        .catch(ignoreConditionFailure);
    }
  }

  async pending(limit: number): Promise<PendingEvent[]> {
    const entries: PendingEvent[] = [];
    for await (const item of this.items(PENDING)) {
      if (entries.length >= limit) break;
      entries.push({ id: item.SK, event: JSON.parse(item.envelope) as CloudEvent });
    }
    return entries;
  }

  async pendingCount(): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...this.partition(PENDING), Select: 'COUNT', ExclusiveStartKey: start }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /** Scans both partitions: for inspection and tests, not a hot path. */
  async find(eventId: string): Promise<OutboxEntry | undefined> {
    for (const partition of [PENDING, PUBLISHED]) {
      for await (const item of this.items(partition, eventId)) {
        const id = partition === PENDING ? item.SK : item.SK.slice(item.SK.indexOf('#') + 1);
        return {
          id,
          eventId: item.eventId,
          status: item.status ?? 'pending',
          attempts: Number(item.attempts ?? 0),
          lastError: item.lastError ?? null,
          leaseOwner: item.leaseOwner ?? null,
          leaseUntil: item.leaseUntil ?? null,
        };
      }
    }
    return undefined;
  }

  private async lease(item: Item, owner: string, now: number, until: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKeys.pending(item.SK),
          UpdateExpression: 'SET #status = :inProgress, leaseOwner = :owner, leaseUntil = :until',
          ConditionExpression: claimable,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':failed': 'failed',
            ':inProgress': 'in_progress',
            ':now': now,
            ':owner': owner,
            ':until': until,
          },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    this.leased.set(item.SK, item);
    return true;
  }

  /** Deletes the pending item (still ours) and writes its published copy, atomically. */
  private async movePublished(owner: string, id: string, now: number): Promise<void> {
    const item = this.leased.get(id) ?? (await this.read(id));
    this.leased.delete(id);
    if (!item) return;
    const { leaseOwner: _owner, leaseUntil: _until, lastError: _error, ...kept } = item;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: outboxKeys.pending(id),
                ConditionExpression: '#status = :inProgress AND leaseOwner = :owner',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':inProgress': 'in_progress', ':owner': owner },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...kept,
                  ...outboxKeys.published(now, id),
                  status: 'published',
                  attempts: Number(item.attempts ?? 0) + 1,
                  publishedAt: now,
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Taken over after our lease expired: the new owner marks it.
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
    }
  }

  private async read(id: string): Promise<Item | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: outboxKeys.pending(id),
        ConsistentRead: true,
      }),
    );
    return Item as Item | undefined;
  }

  private async purgePublished(before: number): Promise<void> {
    const keys: ItemKey[] = [];
    const query = this.partition(PUBLISHED);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...query,
          KeyConditionExpression: 'PK = :pk AND SK < :before',
          ExpressionAttributeValues: {
            ':pk': PUBLISHED,
            ':before': String(before).padStart(15, '0'),
          },
          ProjectionExpression: 'PK, SK',
          ExclusiveStartKey: start,
        }),
      );
      keys.push(...((page.Items ?? []) as ItemKey[]));
      start = page.LastEvaluatedKey;
    } while (start && keys.length < 1_000);
    await this.deleteAll(keys);
  }

  private async deleteAll(keys: ItemKey[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let requests: Record<string, unknown>[] | undefined = keys
        .slice(i, i + 25)
        .map((key) => ({ DeleteRequest: { Key: { PK: key.PK, SK: key.SK } } }));
      // BatchWrite may leave some deletes unprocessed under throttling: resend those.
      while (requests && requests.length > 0) {
        const result: BatchWriteCommandOutput = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = result.UnprocessedItems?.[this.tableName];
      }
    }
  }

  private partition(pk: string): QueryCommandInput {
    return {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    };
  }

  /** Items of a partition in key order, page by page; optionally only one event's. */
  private async *items(pk: string, eventId?: string): AsyncGenerator<Item> {
    let start: Record<string, unknown> | undefined;
    const query = this.partition(pk);
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...query,
          ...(eventId
            ? {
                FilterExpression: 'eventId = :eventId',
                ExpressionAttributeValues: { ':pk': pk, ':eventId': eventId },
              }
            : {}),
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield item as Item;
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

function ignoreConditionFailure(error: unknown): void {
  if (!isConditionFailure(error)) throw error;
}
