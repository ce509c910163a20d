import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { newId, topicOf, type CloudEvent } from '@emporium/kit';
import { keys } from './keys.ts';
import { isNew, type TxOps } from './transaction.ts';

export interface OutboxEntry {
  /** The item's sort key (`obx_<ULID>`): what `markPublished` takes. */
  id: string;
  topic: string;
  partitionKey: string;
  event: CloudEvent;
  attempts: number;
  createdAt: number;
}

/**
 * Adds one outbox item per event to a transaction. The sort key is a ULID drawn now
 * from the process's monotonic generator, so the partition reads back in append order
 * (the events' order within a write, then write after write) like SQLite's sequence,
 * without a shared counter item that would serialize every write of every instance.
 */
export function appendEvents(ops: TxOps, events: CloudEvent[], now: number): void {
  for (const event of events) {
    ops.put(
      {
        ...keys.outboxEntry(newId('obx', now)),
        eventId: event.id,
        topic: topicOf(event.type),
        partitionKey: event.partitionkey,
        envelope: JSON.stringify(event),
        attempts: 0,
        createdAt: now,
      },
      'integrity',
      isNew,
    );
  }
}

/**
 * The committed, unpublished events of the catalog table, for a relay. Published
 * events are deleted rather than flagged, so `pending` is a plain ordered query of the
 * `OUTBOX` partition and never skips an event committed late with an older id.
 */
export class DynamoOutbox {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  /** The oldest `limit` unpublished events, oldest first. */
  async pending(limit: number): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.outbox },
          ConsistentRead: true,
          Limit: limit - entries.length,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...(page.Items ?? []).map(entryOf));
      start = page.LastEvaluatedKey;
    } while (start && entries.length < limit);
    return entries;
  }

  /** Removes published entries (by entry id); ids that are already gone are ignored. */
  async markPublished(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 25) {
      let requests: Record<string, unknown>[] | undefined = ids
        .slice(i, i + 25)
        .map((id) => ({ DeleteRequest: { Key: keys.outboxEntry(id) } }));
      // BatchWrite may leave some deletes unprocessed under throttling: resend those.
      while (requests && requests.length > 0) {
        const result: BatchWriteCommandOutput = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = result.UnprocessedItems?.[this.tableName];
      }
    }
  }

  /** Counts a failed publish attempt, for the backlog metrics and dead-lettering. */
  async markFailed(ids: string[], error: string): Promise<void> {
    for (const id of ids) {
      await this.client
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.outboxEntry(id),
            UpdateExpression: 'ADD attempts :one SET lastError = :error',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':one': 1, ':error': error },
          }),
        )
        .catch((failure: unknown) => {
          // Published meanwhile by another relay: nothing to record.
          if ((failure as Error).name !== 'ConditionalCheckFailedException') throw failure;
        });
    }
  }

  async pendingCount(): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.outbox },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }
}

function entryOf(item: Record<string, unknown>): OutboxEntry {
  return {
    id: item['SK'] as string,
    topic: item['topic'] as string,
    partitionKey: item['partitionKey'] as string,
    event: JSON.parse(item['envelope'] as string) as CloudEvent,
    attempts: Number(item['attempts'] ?? 0),
    createdAt: Number(item['createdAt']),
  };
}
